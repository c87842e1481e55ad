package com.saascrm.account;

/** A person who logs in. {@code settingsAccess} is per account: true makes the user an admin of that account. */
public record AccountUser(String login, String name, String email, boolean settingsAccess) {}
