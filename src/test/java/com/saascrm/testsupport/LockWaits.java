package com.saascrm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Future;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Whether a session of the test database waits for a row lock, on H2 and on PostgreSQL. */
public final class LockWaits {

    private static final String H2 = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    private static final String POSTGRES =
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";

    private LockWaits() {}

    /** Polls, with a deadline, until some session waits for a lock; {@code waiter} must not finish before that. */
    public static void awaitWaiting(JdbcClient jdbc, Future<?> waiter, Duration deadline) {
        String query = TestDatabase.postgres() ? POSTGRES : H2;
        long end = System.nanoTime() + deadline.toNanos();
        while (jdbc.sql(query).query(Long.class).single() == 0) {
            assertThat(waiter).as("the work that should wait for the lock").isNotDone();
            assertThat(System.nanoTime())
                    .as("some session waits for a lock within %s", deadline)
                    .isLessThan(end);
            Thread.onSpinWait();
        }
    }
}
