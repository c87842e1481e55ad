package com.saascrm.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.Test;

class CancellationPolicyTest {

    private final CancellationPolicy policy = new CancellationPolicy(Period.ofMonths(6), Period.ofDays(14));

    @Test
    void deletionFallsSixCalendarMonthsAfterAccessEndsAndTheReminderTwoWeeksBefore() {
        CancellationSchedule schedule = policy.scheduleFor(Instant.parse("2027-01-31T23:59:59Z"));

        assertThat(schedule.accessEndsAt()).isEqualTo(Instant.parse("2027-01-31T23:59:59Z"));
        assertThat(schedule.deletionDueAt()).isEqualTo(Instant.parse("2027-07-31T23:59:59Z"));
        assertThat(schedule.deletionReminderDueAt()).isEqualTo(Instant.parse("2027-07-17T23:59:59Z"));
    }

    @Test
    void aMonthEndWithoutItsDayInTheTargetMonthTakesThatMonthsLastDay() {
        CancellationSchedule schedule = policy.scheduleFor(Instant.parse("2027-08-31T12:00:00Z"));

        assertThat(schedule.deletionDueAt()).isEqualTo(Instant.parse("2028-02-29T12:00:00Z"));
    }

    @Test
    void periodsComeFromConfiguration() {
        CancellationPolicy shorter = new CancellationPolicy(Period.ofDays(30), Period.ofDays(7));

        CancellationSchedule schedule = shorter.scheduleFor(Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(schedule.deletionDueAt()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(schedule.deletionReminderDueAt()).isEqualTo(Instant.parse("2027-01-24T00:00:00Z"));
    }
}
