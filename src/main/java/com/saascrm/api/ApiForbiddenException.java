package com.saascrm.api;

/** The caller is known but may not do this for this account. */
class ApiForbiddenException extends RuntimeException {

    ApiForbiddenException(String message) {
        super(message);
    }
}
