package com.saascrm.texts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A moment as the account's people read it. A billing period that ends at the last second of a day reads as "the end
 * of" that day; any other moment as a date and a time in the account's time zone.
 *
 * <p>Billing providers end periods at the last second of a day in UTC. Where the account's zone is at or ahead of UTC,
 * access lasts through all of that day there too (in Oslo until 00:59 the next morning), so the day is what the
 * customer is told; behind UTC the period ends during that day, and the time is told.
 *
 * @param day  the day the moment is on, or whose end it is
 * @param time the time of day in {@code zone}; absent for the end of {@code day}
 */
public record CustomerMoment(LocalDate day, LocalTime time, ZoneId zone) {

    private static final LocalTime LAST_SECOND = LocalTime.of(23, 59, 59);

    public static CustomerMoment of(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        if (local.toLocalTime().withNano(0).equals(LAST_SECOND)) {
            return new CustomerMoment(local.toLocalDate(), null, zone);
        }
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        boolean atOrAheadOfUtc = zone.getRules().getOffset(instant).getTotalSeconds() >= 0;
        if (utc.toLocalTime().withNano(0).equals(LAST_SECOND) && atOrAheadOfUtc) {
            return new CustomerMoment(utc.toLocalDate(), null, zone);
        }
        return new CustomerMoment(local.toLocalDate(), local.toLocalTime(), zone);
    }

    public boolean isEndOfDay() {
        return time == null;
    }
}
