package com.saascrm.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerMomentTest {

    @ParameterizedTest
    @CsvSource(
            value = {
                // A period that ends with a UTC day: the day, where access lasts through all of it.
                "2026-11-30T23:59:59Z, UTC, 2026-11-30, ",
                "2026-11-30T23:59:59Z, Europe/Oslo, 2026-11-30, ",
                "2026-11-30T23:59:59.999Z, Asia/Tokyo, 2026-11-30, ",
                // Behind UTC it ends during the day there: the time is told.
                "2026-11-30T23:59:59Z, America/New_York, 2026-11-30, 18:59:59",
                // The end of a day in the account's own zone.
                "2026-11-30T22:59:59Z, Europe/Oslo, 2026-11-30, ",
                "2026-12-01T04:59:59Z, America/New_York, 2026-11-30, ",
                // Any other moment: date and time there.
                "2026-11-30T14:32:10Z, Europe/Oslo, 2026-11-30, 15:32:10",
                "2026-11-30T23:30:00Z, Europe/Oslo, 2026-12-01, 00:30"
            },
            nullValues = "")
    void readsAsTheEndOfADayOrADateAndATime(Instant instant, ZoneId zone, LocalDate day, LocalTime time) {
        CustomerMoment moment = CustomerMoment.of(instant, zone);

        assertThat(moment.day()).isEqualTo(day);
        assertThat(moment.time()).isEqualTo(time);
        assertThat(moment.isEndOfDay()).isEqualTo(time == null);
    }
}
