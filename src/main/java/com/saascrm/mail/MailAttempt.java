package com.saascrm.mail;

/**
 * Published for each mail the application tries to send: {@code accepted} whether the SMTP server took it. Not tied to a
 * transaction: a mail the server took is out, even if the step that sent it is rolled back.
 */
public record MailAttempt(MailType type, boolean accepted) {}
