package com.saascrm.cluster;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saascrm.AccountCancellationApplication;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Two nodes on one PostgreSQL database, each with its job executor running: a few hundred cancellations whose
 * lockout, reminder and purge come due at the same moment; one node is stopped halfway through the purges. Every
 * lockout and every purge runs exactly once, both nodes did work, and nothing is left behind.
 */
@ExtendWith(ClusterIT.PostgresReachable.class)
class ClusterIT {

    private static final int ACCOUNTS = 200;
    private static final String URL = System.getProperty("test.postgresql.cluster.url",
            "jdbc:postgresql://127.0.0.1:5432/cancellation_cluster_test");
    private static final String USER = System.getProperty("test.postgresql.username", "cancellation");
    private static final String PASSWORD = System.getProperty("test.postgresql.password", "cancellation-test");
    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private GreenMail smtp;

    @AfterEach
    void stopEverything() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (smtp != null) {
            smtp.stop();
        }
        ClockUtil.reset();
    }

    @Test
    void everyLockoutAndPurgeRunsOnceAcrossTwoNodesEvenWhenOneStops() throws Exception {
        emptyDatabase();
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        moveClockTo(NOW);
        ConfigurableApplicationContext nodeA = startNode("node-a", smtpPort);
        ConfigurableApplicationContext nodeB = startNode("node-b", smtpPort);
        ProcessEngine engine = nodeA.getBean(ProcessEngine.class);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);

        TestAccounts accounts = new TestAccounts(jdbc, nodeA.getBean(AccountIdentities.class));
        for (int i = 0; i < ACCOUNTS; i++) {
            TestAccount account = accounts.paidAccount("en", PERIOD_END);
            Cancellations.completeWizard(engine, Cancellations.startAs(engine, account.admin(), account.id()).getId());
        }
        await(Duration.ofMinutes(3), () -> smtp.getReceivedMessages().length == ACCOUNTS * 2, "confirmations sent");

        moveClockTo(PERIOD_END.plusSeconds(1));
        await(Duration.ofMinutes(3), () -> count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") == ACCOUNTS
                && smtp.getReceivedMessages().length == ACCOUNTS * 4, "every account locked and told");

        moveClockTo(DELETION_DUE.plusSeconds(1));
        await(Duration.ofMinutes(3), () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL")
                >= ACCOUNTS / 4, "a quarter of the purges done");
        nodeB.close();
        await(Duration.ofMinutes(5), () -> count(jdbc, "SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL")
                == ACCOUNTS && engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .count() == 0, "every purge done by the node left");

        assertThat(count(jdbc, "SELECT COUNT(*) FROM erasure_record")).as("one erasure per account").isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(DISTINCT account_id) FROM erasure_record")).isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'DELETED'")).isEqualTo(ACCOUNTS);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM account")).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("Task_LockOutAccount")
                .finished().count()).as("one lockout per account").isEqualTo(ACCOUNTS);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("Task_PurgeAccountData")
                .finished().count()).as("one purge per account").isEqualTo(ACCOUNTS);
        Set<String> deliveries = new HashSet<>();
        for (var message : smtp.getReceivedMessages()) {
            deliveries.add(message.getMessageID() + " " + String.join(",", message.getHeader("To")));
        }
        assertThat(smtp.getReceivedMessages()).as("confirmation, lockout notice and reminder to two admins each")
                .hasSize(ACCOUNTS * 6);
        assertThat(deliveries).as("no mail twice").hasSize(ACCOUNTS * 3);
        assertThat(jdbc.sql("SELECT hostname_, COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .extracting(Map.Entry::getKey).as("both nodes executed jobs").contains("node-a", "node-b");
        assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    private ConfigurableApplicationContext startNode(String hostname, int smtpPort) {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(AccountCancellationApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=test",
                        "--spring.datasource.url=" + URL, "--spring.datasource.username=" + USER,
                        "--spring.datasource.password=" + PASSWORD,
                        "--spring.mail.port=" + smtpPort,
                        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
                        "--camunda.bpm.generate-unique-process-engine-name=true",
                        "--camunda.bpm.generate-unique-process-application-name=true",
                        "--camunda.bpm.generic-properties.properties.hostname=" + hostname,
                        "--camunda.bpm.job-execution.enabled=true",
                        // A stopped node's locks run out quickly here, so the other node takes its jobs over.
                        "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                        "--camunda.bpm.job-execution.wait-time-in-millis=200",
                        "--camunda.bpm.job-execution.max-wait=1000");
        nodes.add(node);
        return node;
    }

    /** The engine clock runs on from {@code instant}, so job locks still expire in real time. */
    private static void moveClockTo(Instant instant) {
        ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Polls with a deadline; fails with what it was waiting for. */
    private static void await(Duration deadline, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Waited " + deadline + " for: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void emptyDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Skips the test, saying what to install, where no PostgreSQL is reachable; .ci/run provides one. */
    static class PostgresReachable implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + URL);
            } catch (SQLException e) {
                return ConditionEvaluationResult.disabled("The cluster test needs PostgreSQL at " + URL + ": install the "
                        + "Debian package postgresql and create the database as .ci/run does (" + e.getMessage() + ")");
            }
        }
    }
}
