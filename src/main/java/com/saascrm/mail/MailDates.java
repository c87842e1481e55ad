package com.saascrm.mail;

import java.time.Instant;

/**
 * The dates a mail tells: when access ends, when the account is deleted, when a pause of billing ends (each may be
 * unknown).
 */
public record MailDates(Instant accessEndsAt, Instant deletionDueAt, Instant pauseEndsAt) {}
