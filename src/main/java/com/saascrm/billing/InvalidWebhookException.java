package com.saascrm.billing;

/** A webhook call that is not the provider's, or not now: refused with 400, and nothing changes. */
public class InvalidWebhookException extends RuntimeException {

    public InvalidWebhookException(String message) {
        super(message);
    }
}
