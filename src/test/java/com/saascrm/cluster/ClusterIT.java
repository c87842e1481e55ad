package com.saascrm.cluster;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.saascrm.testsupport.ClusterDatabase;
import com.saascrm.testsupport.ClusterNodes;

/**
 * Two nodes on one PostgreSQL database, each with its job executor running: a few hundred cancellations whose
 * lockout, reminder and purge come due at the same moment; one node is stopped halfway through the purges. Every
 * lockout and every purge runs exactly once, both nodes did work, and nothing is left behind.
 */
@ExtendWith(ClusterDatabase.class)
class ClusterIT {

    private static final int ACCOUNTS = 200;
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
    void everyLockoutAndPurgeRunsOnceAcrossTwoNodesEvenWhenOneStops() throws Exception {
        ClusterDatabase.empty();
        nodes = new ClusterNodes();
        GreenMail smtp = nodes.smtp();
        ClusterNodes.moveClockTo(NOW);
        ConfigurableApplicationContext nodeA = nodes.startWorker("node-a");
        ConfigurableApplicationContext nodeB = nodes.startWorker("node-b");
        ProcessEngine engine = nodeA.getBean(ProcessEngine.class);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);

        ClusterNodes.cancelledAccounts(nodeA, ACCOUNTS, PERIOD_END);
        ClusterNodes.await(
                Duration.ofMinutes(3), () -> smtp.getReceivedMessages().length == ACCOUNTS * 2, "confirmations sent");

        ClusterNodes.moveClockTo(PERIOD_END.plusSeconds(1));
        ClusterNodes.await(
                Duration.ofMinutes(3),
                () -> count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") == ACCOUNTS
                        && smtp.getReceivedMessages().length == ACCOUNTS * 4,
                "every account locked and told");

        ClusterNodes.moveClockTo(DELETION_DUE.plusSeconds(1));
        ClusterNodes.await(
                Duration.ofMinutes(3),
                () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL") >= ACCOUNTS / 4,
                "a quarter of the purges done");
        nodeB.close();
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL") == ACCOUNTS
                        && engine.getRuntimeService()
                                        .createProcessInstanceQuery()
                                        .processDefinitionKey(PROCESS_KEY)
                                        .count()
                                == 0,
                "every purge done by the node left");

        assertThat(count(jdbc, "SELECT COUNT(*) FROM erasure_record"))
                .as("one erasure per account")
                .isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(DISTINCT account_id) FROM erasure_record"))
                .isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'DELETED'"))
                .isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM account")).isZero();
        assertThat(engine.getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .activityId("Task_LockOutAccount")
                        .finished()
                        .count())
                .as("one lockout per account")
                .isEqualTo(ACCOUNTS);
        assertThat(engine.getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .activityId("Task_PurgeAccountData")
                        .finished()
                        .count())
                .as("one purge per account")
                .isEqualTo(ACCOUNTS);
        Set<String> deliveries = new HashSet<>();
        for (var message : smtp.getReceivedMessages()) {
            deliveries.add(message.getMessageID() + " " + String.join(",", message.getHeader("To")));
        }
        assertThat(smtp.getReceivedMessages())
                .as("confirmation, lockout notice, reminder and erasure certificate to two admins each")
                .hasSize(ACCOUNTS * 8);
        assertThat(deliveries).as("no mail twice").hasSize(ACCOUNTS * 4);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE certificate_sha256 IS NOT NULL"))
                .as("one certificate per account")
                .isEqualTo(ACCOUNTS);
        assertThat(jdbc.sql("SELECT hostname_, COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_")
                        .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .list())
                .extracting(Map.Entry::getKey)
                .as("both nodes executed jobs")
                .contains("node-a", "node-b");
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .count())
                .isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
