package com.saascrm.faults;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_PURGE_CRM_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_REMINDER_DUE;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.crm.CrmData;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ClusterDatabase;
import com.saascrm.testsupport.ClusterNodes;
import com.saascrm.testsupport.PostgresServer;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The PostgreSQL server restarts (in immediate mode, as after a crash) in the middle of the purge of an account with
 * 200,000 CRM rows, under a node whose job executor runs the purge: the batch in flight rolls back, its job is
 * retried after the purge's retry wait, and the purge resumes where it stopped and finishes. No row is left, every
 * row is counted once in the erasure record, no job is lost and no incident stays.
 */
@ExtendWith({ClusterDatabase.class, PostgresServer.class})
class DatabaseRestartDuringPurgeIT {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRestartDuringPurgeIT.class);
    private static final int CRM_ROWS = 200_000;
    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");

    private ClusterNodes nodes;

    @AfterEach
    void stopEverything() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void thePurgeResumesAfterTheRestartAndLeavesNoRow() throws Exception {
        ClusterDatabase.empty();
        nodes = new ClusterNodes();
        ClusterNodes.moveClockTo(NOW);
        ConfigurableApplicationContext node = nodes.startWorker("node");
        ProcessEngine engine = node.getBean(ProcessEngine.class);
        JdbcClient jdbc = node.getBean(JdbcClient.class);
        TestAccount account =
                new TestAccounts(jdbc, node.getBean(AccountIdentities.class)).paidAccount("en", PERIOD_END);
        new BulkCrmData(jdbc, node.getBean(DataSource.class)).add(account.id(), CRM_ROWS);
        long rows = node.getBean(CrmData.class).countsOf(account.id()).total();
        String cancellation =
                Cancellations.startAs(engine, account.admin(), account.id()).getId();
        Cancellations.completeWizard(engine, cancellation);
        ClusterNodes.awaitSettledAt(engine, cancellation, TIMER_ACCESS_ENDS, "confirmation sent");
        ClusterNodes.moveClockTo(PERIOD_END.plusSeconds(1));
        ClusterNodes.wake(engine);
        ClusterNodes.awaitSettledAt(engine, cancellation, TIMER_DELETION_REMINDER_DUE, "locked and told");

        ClusterNodes.moveClockTo(DELETION_DUE.plusSeconds(1));
        ClusterNodes.wake(engine);
        LongSupplier purged = () -> orZero(() ->
                jdbc.sql("""
                        SELECT organizations + persons + deals + activities + notes FROM erasure_record
                        WHERE account_id = ?""").param(account.id()).query(Long.class).optional().orElse(0L));
        ClusterNodes.await(Duration.ofMinutes(2), () -> purged.getAsLong() > 0, "the purge under way");
        long purgedBeforeRestart = purged.getAsLong();
        boolean[] retriedAfterTheWait = {false};
        PostgresServer.restartImmediately();
        log.info("PostgreSQL restarted after {} of {} rows were purged", purgedBeforeRestart, rows);
        assertThat(purgedBeforeRestart).as("the restart came in the middle").isLessThan(rows);

        // The batch that the restart cut off waits for the purge's retry (5 minutes): the clock moves past it.
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> {
                    if (orZero(() -> engine.getManagementService()
                                    .createJobQuery()
                                    .activityId(TASK_PURGE_CRM_DATA)
                                    .withException()
                                    .duedateHigherThan(ClockUtil.getCurrentTime())
                                    .count())
                            > 0) {
                        retriedAfterTheWait[0] = true;
                        ClusterNodes.moveClockBy(Duration.ofMinutes(6));
                        ClusterNodes.wake(engine);
                    }
                    return orZero(() -> jdbc.sql("SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL")
                                    .query(Long.class)
                                    .single())
                            == 1;
                },
                "the purge finished");
        log.info("The purge finished; a batch was retried after the wait: {}", retriedAfterTheWait[0]);

        assertThat(node.getBean(CrmData.class).countsOf(account.id()).total()).isZero();
        assertThat(purged.getAsLong()).as("every row counted once").isEqualTo(rows);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single())
                .isZero();
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .count())
                .isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'DELETED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        ClusterNodes.await(
                Duration.ofMinutes(1),
                () -> engine.getRuntimeService()
                                .createProcessInstanceQuery()
                                .processDefinitionKey(PROCESS_KEY)
                                .count()
                        == 0,
                "the cancellation ended");
    }

    /** While the server is away, a query fails: that counts as "not yet". */
    private static long orZero(LongSupplier query) {
        try {
            return query.getAsLong();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
