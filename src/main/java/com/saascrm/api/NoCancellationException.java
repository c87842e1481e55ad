package com.saascrm.api;

class NoCancellationException extends RuntimeException {

    NoCancellationException(String accountId) {
        super("Account '" + accountId + "' has no cancellation");
    }
}
