package com.saascrm.erasure;

/** A holder's confirmation that is refused before it changes anything: its signature or its body is wrong. */
public class InvalidErasureCallbackException extends RuntimeException {

    public InvalidErasureCallbackException(String message) {
        super(message);
    }
}
