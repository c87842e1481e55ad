package com.saascrm.account;

/** Published in the transaction that gave the account another language ({@code en} or {@code nb}). */
public record AccountLocaleChanged(String accountId, String locale) {}
