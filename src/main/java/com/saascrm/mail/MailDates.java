package com.saascrm.mail;

import java.time.Instant;

/** The dates a mail tells: when access ends and when the account is deleted (either may be unknown). */
public record MailDates(Instant accessEndsAt, Instant deletionDueAt) {}
