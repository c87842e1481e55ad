package com.saascrm.account;

/**
 * What the retention offer is decided from besides the reason: the account's plan, how many whole months it has
 * been a customer ({@code null}: the CRM has not said since when), how many users it has and whether its billing is
 * paused by an earlier offer. No person, no name.
 */
public record RetentionFacts(String planCode, Integer customerMonths, int users, boolean paused) {}
