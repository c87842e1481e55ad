package com.saascrm.account;

/** An account is not in the state that a lifecycle step requires. */
public class AccountStateException extends RuntimeException {

    public AccountStateException(String accountId, AccountStatus actual, String expected) {
        super("Account '" + accountId + "' is " + actual + ", expected " + expected);
    }

    public AccountStateException(String message) {
        super(message);
    }
}
