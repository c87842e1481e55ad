package com.saascrm.mail;

/**
 * A mail could not be sent. Its message becomes the incident message in Cockpit, so it names the mail type and the
 * account id and the kind of failure, never an address: the SMTP error that caused it may quote recipients and is
 * deliberately not kept as the cause.
 */
public class MailDeliveryException extends RuntimeException {

    MailDeliveryException(MailType type, String accountId, Throwable failure) {
        super("Could not send " + type + " for account " + accountId + ": "
                + rootCause(failure).getClass().getSimpleName());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
