package com.saascrm.account;

/**
 * Published in the transaction that made {@code login} a member of the account, changed their settings access
 * there, or ended their membership.
 */
public record AccountMembershipChanged(String accountId, String login) {}
