package com.saascrm.account;

public class UnknownAccountException extends RuntimeException {

    public UnknownAccountException(String accountId) {
        super("No account with id '" + accountId + "'");
    }
}
