package com.saascrm.account;

/** Published in the transaction that changed who belongs to the account, or who of them is an admin. */
public record AccountMembersChanged(String accountId) {}
