package com.saascrm.faults;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_PURGE_CRM_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.testsupport.ClusterDatabase;
import com.saascrm.testsupport.ClusterNodes;
import com.saascrm.testsupport.NodeProcess;

/**
 * Two nodes on PostgreSQL, one of them in a JVM of its own: 500 lockouts fall due at once, and that node is killed
 * with {@code kill -9} in the middle of them; a new one is started for the purges and killed in the middle of those.
 * The node left takes the dead node's jobs over when their locks run out (10 seconds here): every lockout and every
 * purge happens exactly once, every mail reaches both admins, and nothing is left waiting.
 * <p>
 * A mail that the dead node handed to the mail server just before it died may arrive twice, with the same
 * Message-ID (at-least-once delivery, README, E-mail): mail clients show it once. At most the dead node's jobs in
 * progress can be such repeats.
 */
@ExtendWith(ClusterDatabase.class)
class NodeKilledDuringBurstIT {

    private static final Logger log = LoggerFactory.getLogger(NodeKilledDuringBurstIT.class);
    private static final int ACCOUNTS = 500;
    private static final int JOBS_IN_PROGRESS_AT_MOST = 10;
    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");
    private static final Path LOGS = Path.of("target", "failsafe-reports", "nodes");

    private ClusterNodes nodes;
    private final List<NodeProcess> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        processes.forEach(NodeProcess::close);
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyLockoutMailAndPurgeHappensOnceAfterTheLockTime() throws Exception {
        ClusterDatabase.empty();
        nodes = new ClusterNodes();
        ClusterNodes.moveClockTo(NOW);
        ConfigurableApplicationContext nodeA = nodes.startWorker("node-a");
        ProcessEngine engine = nodeA.getBean(ProcessEngine.class);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
        ClusterNodes.cancelledAccounts(nodeA, ACCOUNTS, PERIOD_END);
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> nodes.smtp().getReceivedMessages().length == ACCOUNTS * 2,
                "confirmations sent");

        // node-a's job executor waits while node-b starts on the burst, so that node-b dies with work in hand.
        NodeProcess nodeB = startNode("node-b");
        ClusterNodes.jobExecutorOf(engine).shutdown();
        ClusterNodes.moveClockTo(PERIOD_END.plusSeconds(1));
        nodeB.followClock();
        ClusterNodes.await(
                Duration.ofMinutes(2),
                () -> count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") >= ACCOUNTS / 10,
                "a tenth of the lockouts done by node-b");
        ClusterNodes.jobExecutorOf(engine).start();
        ClusterNodes.await(Duration.ofMinutes(2), () -> lockoutsBy(jdbc, "node-a") > 0, "node-a at work too");
        killInTheMiddle(nodeB, jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'");
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") == ACCOUNTS
                        && pendingJobs(engine) == 0,
                "every account locked and told");

        NodeProcess nodeC = startNode("node-c");
        ClusterNodes.jobExecutorOf(engine).shutdown();
        ClusterNodes.moveClockTo(DELETION_DUE.plusSeconds(1));
        nodeC.followClock();
        ClusterNodes.await(
                Duration.ofMinutes(3),
                () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL") >= ACCOUNTS / 10,
                "a tenth of the purges done by node-c");
        ClusterNodes.jobExecutorOf(engine).start();
        killInTheMiddle(nodeC, jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL");
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL") == ACCOUNTS
                        && engine.getRuntimeService()
                                        .createProcessInstanceQuery()
                                        .processDefinitionKey(PROCESS_KEY)
                                        .count()
                                == 0,
                "every purge done by the node left");
        assertThat(purgesBy(jdbc, "node-c")).isPositive();
        assertThat(purgesBy(jdbc, "node-a")).isPositive();
        assertThat(lockoutsBy(jdbc, "node-b")).isPositive();
        assertThat(lockoutsBy(jdbc, "node-a")).isPositive();

        assertThat(count(jdbc, "SELECT COUNT(*) FROM erasure_record")).isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(DISTINCT account_id) FROM erasure_record"))
                .isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'DELETED'"))
                .isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM account")).isZero();
        assertThat(count(jdbc, "SELECT COUNT(*) FROM crm_organization")).isZero();
        assertThat(finished(engine, "Task_LockOutAccount"))
                .as("one lockout per account")
                .isEqualTo(ACCOUNTS);
        assertThat(finished(engine, "Task_PurgeAccountData"))
                .as("one purge per account")
                .isEqualTo(ACCOUNTS);
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .count())
                .isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();

        Map<String, Integer> deliveries = deliveriesByMessageId(nodes);
        assertThat(deliveries)
                .as("confirmation, lockout notice, reminder and certificate of every account")
                .hasSize(ACCOUNTS * 4);
        assertThat(deliveries.values())
                .as("each mail to both admins, or twice to both (a repeat of the dead node's)")
                .allMatch(times -> times == 2 || times == 4);
        long repeated = deliveries.values().stream().filter(times -> times == 4).count();
        log.info("Mails delivered again after a kill, with their Message-ID: {}", repeated);
        assertThat(repeated).isLessThanOrEqualTo(2L * JOBS_IN_PROGRESS_AT_MOST);
    }

    /** Kills the node while work is left, and says how far it got and how many jobs it held locked. */
    private static void killInTheMiddle(NodeProcess node, JdbcClient jdbc, String done) {
        node.kill();
        long finished = count(jdbc, done);
        log.info(
                "Node killed with {} of {} done and {} jobs locked",
                finished,
                ACCOUNTS,
                count(jdbc, "SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL"));
        assertThat(finished).as("killed in the middle").isLessThan(ACCOUNTS);
    }

    private NodeProcess startNode(String hostname) {
        List<String> arguments = new ArrayList<>(nodes.nodeArguments(hostname));
        arguments.addAll(List.of(ClusterNodes.WORKER_ARGUMENTS));
        arguments.add("--spring.main.web-application-type=none");
        NodeProcess node = NodeProcess.start(hostname, LOGS, arguments);
        processes.add(node);
        return node;
    }

    private static long lockoutsBy(JdbcClient jdbc, String hostname) {
        // The lockout runs in the job of the timer that ends the access period.
        return jobsBy(jdbc, hostname, TIMER_ACCESS_ENDS);
    }

    private static long purgesBy(JdbcClient jdbc, String hostname) {
        return jobsBy(jdbc, hostname, TASK_PURGE_CRM_DATA);
    }

    /** Successful jobs (state 2) of the node at {@code activityId}. */
    private static long jobsBy(JdbcClient jdbc, String hostname, String activityId) {
        return jdbc.sql("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 AND hostname_ = ? AND act_id_ = ?")
                .params(hostname, activityId)
                .query(Long.class)
                .single();
    }

    private static long pendingJobs(ProcessEngine engine) {
        return engine.getManagementService()
                .createJobQuery()
                .processDefinitionKey(PROCESS_KEY)
                .executable()
                .count();
    }

    private static long finished(ProcessEngine engine, String activityId) {
        return engine.getHistoryService()
                .createHistoricActivityInstanceQuery()
                .activityId(activityId)
                .finished()
                .count();
    }

    private static Map<String, Integer> deliveriesByMessageId(ClusterNodes nodes) throws MessagingException {
        Map<String, Integer> deliveries = new HashMap<>();
        for (MimeMessage message : nodes.smtp().getReceivedMessages()) {
            deliveries.merge(message.getMessageID(), 1, Integer::sum);
        }
        return deliveries;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
