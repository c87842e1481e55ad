package com.saascrm.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import com.saascrm.erasure.ErasureSettings;

/** The history sweep runs as its settings say, and not at all where they switch it off. */
class HistorySweepScheduleTest {

    @Test
    void theSweepRunsEveryDelayOfTheSettings() {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        new AccountHistoryErasure.Sweep(
                        null,
                        new ErasureSettings(10_000, true, Duration.ofSeconds(90), Duration.ofHours(48), List.of()))
                .configureTasks(registrar);

        assertThat(registrar.getFixedDelayTaskList()).singleElement().satisfies(task -> {
            assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofSeconds(90));
            assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(90));
        });
    }

    @Test
    void aSwitchedOffSweepIsNotScheduled() {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

        new AccountHistoryErasure.Sweep(
                        null,
                        new ErasureSettings(10_000, false, Duration.ofMinutes(1), Duration.ofHours(48), List.of()))
                .configureTasks(registrar);

        assertThat(registrar.getFixedDelayTaskList()).isEmpty();
    }
}
