package com.saascrm.account;

import java.time.Instant;

public record CancellationSchedule(Instant accessEndsAt, Instant deletionReminderDueAt, Instant deletionDueAt) {}
