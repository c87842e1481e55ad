package com.saascrm.cancellation;

/** The cancellation is not at a point where the asked action is possible (withdraw after lockout, say). */
public class CancellationStateException extends RuntimeException {

    CancellationStateException(String message) {
        super(message);
    }
}
