package com.saascrm.api;

class RequestTooLargeException extends RuntimeException {

    RequestTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
