package com.saascrm.mail;

/** The mails of a cancellation's life; each has a subject and a body per language in {@code mail/messages*.properties}. */
public enum MailType {
    CANCELLATION_CONFIRMATION,
    WITHDRAWAL_CONFIRMATION,
    LOCKOUT_NOTICE,
    DELETION_REMINDER,
    REOPENING_CONFIRMATION;

    String messageKey(String part) {
        return "mail." + name().toLowerCase() + "." + part;
    }
}
