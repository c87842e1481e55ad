package com.saascrm.security.throttle;

/**
 * Credentials the throttle cannot read are refused before any route sees them: a route that reads them more
 * leniently (Camunda decodes Base64 leniently) would otherwise check a password the throttle never counted.
 */
final class UnreadableLogin extends Exception {

    private final int status;

    UnreadableLogin(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
