package com.saascrm.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.testsupport.ProcessApplicationTest;
import com.saascrm.testsupport.TestDatabase;

/** A query repeated in one session sees what another session committed in between, on H2 too. */
@ProcessApplicationTest
class H2SettingsTest {

    private static final int ROUNDS = 20;

    @Autowired
    private DataSource dataSource;

    /**
     * What two starts of one account do: the first locks the account and records the request; the second looks for
     * a request (none committed yet), waits for the account's lock, and looks again once the first has committed.
     * H2 wakes the waiting session a moment before it marks the table as changed, so with its result cache on the
     * second look may be answered from the first.
     */
    @Test
    void aQueryRepeatedAfterWaitingForALockSeesWhatTheLockHolderCommitted() throws Exception {
        assumeFalse(TestDatabase.postgres(), "H2's result cache");
        try (Connection writer = dataSource.getConnection();
                Connection reader = dataSource.getConnection()) {
            execute(writer, "CREATE TABLE lock_probe (id INT PRIMARY KEY)");
            execute(writer, "CREATE TABLE read_probe (id INT PRIMARY KEY)");
            execute(writer, "INSERT INTO lock_probe VALUES (1)");
            ExecutorService readerThread = Executors.newSingleThreadExecutor();
            try (PreparedStatement count = reader.prepareStatement("SELECT COUNT(*) FROM read_probe WHERE id = ?");
                    PreparedStatement lock =
                            reader.prepareStatement("SELECT id FROM lock_probe WHERE id = 1 FOR UPDATE")) {
                writer.setAutoCommit(false);
                reader.setAutoCommit(false);
                for (int round = 1; round <= ROUNDS; round++) {
                    count.setInt(1, round);
                    execute(writer, "SELECT id FROM lock_probe WHERE id = 1 FOR UPDATE");
                    execute(writer, "INSERT INTO read_probe VALUES (" + round + ")");
                    assertThat(single(count)).as("not committed yet").isZero();
                    Future<Long> seen = readerThread.submit(() -> {
                        lock.executeQuery().close();
                        long found = single(count);
                        reader.commit();
                        return found;
                    });
                    awaitBlocked(writer, seen);
                    writer.commit();

                    assertThat(seen.get(10, TimeUnit.SECONDS))
                            .as("round %d", round)
                            .isOne();
                }
            } finally {
                readerThread.shutdownNow();
                writer.setAutoCommit(true);
                reader.setAutoCommit(true);
                execute(writer, "DROP TABLE read_probe");
                execute(writer, "DROP TABLE lock_probe");
            }
        }
    }

    /** Polls, with a deadline, until another session waits for a lock of the writer's. */
    private static void awaitBlocked(Connection writer, Future<?> reader) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (PreparedStatement blocked = writer.prepareStatement(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()")) {
            while (single(blocked) == 0) {
                assertThat(reader).as("the reader waits for the lock").isNotDone();
                assertThat(System.nanoTime()).as("the reader blocked in time").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void everyH2UrlGetsTheSettingsItDoesNotNameItself() {
        assertThat(H2Settings.withSettings("jdbc:h2:file:./data/x"))
                .isEqualTo("jdbc:h2:file:./data/x;OPTIMIZE_REUSE_RESULTS=0;WRITE_DELAY=0");
        assertThat(H2Settings.withSettings("jdbc:h2:file:./data/x;write_delay=500"))
                .as("a URL that decides for itself")
                .isEqualTo("jdbc:h2:file:./data/x;write_delay=500;OPTIMIZE_REUSE_RESULTS=0");
        assertThat(H2Settings.withSettings("jdbc:h2:mem:x;optimize_reuse_results=1"))
                .as("in memory: nothing to write")
                .isEqualTo("jdbc:h2:mem:x;optimize_reuse_results=1");
        assertThat(H2Settings.withSettings("jdbc:postgresql://127.0.0.1/x")).isEqualTo("jdbc:postgresql://127.0.0.1/x");
        assertThat(H2Settings.withSettings(null)).isNull();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
