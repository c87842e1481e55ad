package com.saascrm.portability;

/** An import archive that cannot be taken as it is; the message says what is wrong and where. */
public class InvalidArchiveException extends RuntimeException {

    InvalidArchiveException(String message) {
        super(message);
    }
}
