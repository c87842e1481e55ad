package com.saascrm.account;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a cancelled account is kept after its access ends (terms of service 13.3: six months) and how
 * early the deletion reminder goes out. Months are calendar months in UTC, so the deletion of an account
 * whose access ends on 31 August falls due on 28 or 29 February.
 */
@ConfigurationProperties("cancellation")
public record CancellationPolicy(
        @DefaultValue("P6M") Period retention,
        @DefaultValue("P14D") Period deletionReminderLead) {

    public CancellationSchedule scheduleFor(Instant accessEndsAt) {
        Instant deletionDueAt =
                accessEndsAt.atOffset(ZoneOffset.UTC).plus(retention).toInstant();
        Instant reminderDueAt = deletionDueAt
                .atOffset(ZoneOffset.UTC)
                .minus(deletionReminderLead)
                .toInstant();
        return new CancellationSchedule(accessEndsAt, reminderDueAt, deletionDueAt);
    }
}
