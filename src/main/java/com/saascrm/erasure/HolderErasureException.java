package com.saascrm.erasure;

/** A holder did not take the request to erase an account: the job retries, then operations get an incident. */
public class HolderErasureException extends RuntimeException {

    public HolderErasureException(String message, Throwable cause) {
        super(message, cause);
    }
}
