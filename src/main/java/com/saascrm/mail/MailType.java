package com.saascrm.mail;

/**
 * The mails of a cancellation's life. Each has an HTML and a text template ({@code mail/html}, {@code mail/text})
 * named after it in lower case with hyphens, and its texts under its lower-case name in
 * {@code mail/messages*.properties}.
 */
public enum MailType {
    CANCELLATION_CONFIRMATION,
    WITHDRAWAL_CONFIRMATION,
    LOCKOUT_NOTICE,
    DELETION_REMINDER,
    REOPENING_CONFIRMATION,
    /** To the admins, with a blind copy to support, who make the call. */
    SUPPORT_CALL_CONFIRMATION,
    PAUSE_ENDING_NOTICE,
    /** To all admins when the account's erasure is asked for now: when it happens, how to withdraw. */
    DELETION_REQUEST_NOTICE,
    /** When every holder has confirmed the erasure: what went where, and when, with the certificate attached. */
    ERASURE_CERTIFICATE
}
