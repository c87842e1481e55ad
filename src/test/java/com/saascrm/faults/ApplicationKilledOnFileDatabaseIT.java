package com.saascrm.faults;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_PURGE_CRM_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_DUE;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_REMINDER_DUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ClusterNodes;
import com.saascrm.testsupport.NodeProcess;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The application on its default H2 file database, killed with {@code kill -9} twice: while admins complete wizard
 * steps through engine-rest, and in the middle of the purge of an account with 500,000 CRM rows. After each restart
 * every step an admin was told was saved (HTTP 204) is still done, the admins finish the steps that the kill cut
 * off, and the purge resumes and finishes: every wizard reaches the access period with its confirmation, and the
 * purged account leaves no row.
 */
class ApplicationKilledOnFileDatabaseIT {

    private static final Logger log = LoggerFactory.getLogger(ApplicationKilledOnFileDatabaseIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIZARDS = 24;
    private static final int CRM_ROWS = 500_000;
    private static final Instant START = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");
    private static final Instant LATER_PERIOD_END = Instant.parse("2027-08-31T23:59:59Z");
    private static final Path LOGS = Path.of("target", "failsafe-reports", "nodes");
    private static final String NODE = "node";
    private static final String ENGINE_REST = "/engine-rest/engine/" + ClusterNodes.engineName(NODE);

    @TempDir
    Path data;

    private ClusterNodes nodes;
    private NodeProcess node;
    private final HttpClient http = HttpClient.newHttpClient();
    private final java.util.Queue<Throwable> unexpected = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @AfterEach
    void stopEverything() {
        if (node != null) {
            node.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void nothingAcknowledgedIsLostAndEverythingFinishes() throws Exception {
        // The other JVM's connections reach the file through the node that has it open (H2's automatic server).
        String url = "jdbc:h2:file:" + data.resolve("account-cancellation").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        nodes = new ClusterNodes(List.of(
                "--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password="));
        Setup setup = prepare();

        node = startNode();
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger steps = new AtomicInteger();
        ExecutorService admins = Executors.newFixedThreadPool(4);
        for (String instanceId : setup.wizards().keySet()) {
            admins.submit(() ->
                    completeWizard(node.port(), setup.wizards().get(instanceId), instanceId, acknowledged, steps));
        }
        ClusterNodes.await(
                Duration.ofMinutes(2),
                () -> steps.get() >= WIZARDS * 3 / 2 || !unexpected.isEmpty(),
                "half the wizard steps done");
        assertThat(unexpected).as("what the admins met").isEmpty();
        node.kill();
        admins.shutdown();
        assertThat(admins.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        log.info("Killed after {} wizard steps were acknowledged", steps.get());

        node = startNode();
        for (Map.Entry<String, TestAccount> wizard : setup.wizards().entrySet()) {
            String instanceId = wizard.getKey();
            assertThat(stepsDone(instanceId))
                    .as("the steps acknowledged to the admin of "
                            + wizard.getValue().id())
                    .isGreaterThanOrEqualTo(acknowledged.getOrDefault(instanceId, 0));
            completeWizard(node.port(), wizard.getValue(), instanceId, acknowledged, steps);
        }
        assertThat(unexpected).as("what the admins met").isEmpty();
        ClusterNodes.await(
                Duration.ofMinutes(2),
                () -> query("SELECT COUNT(*) FROM act_ru_execution WHERE act_id_ = '" + TIMER_ACCESS_ENDS + "'")
                                == WIZARDS
                        && mailsSent() == setup.mailsBefore() + WIZARDS,
                "every wizard in its access period, every confirmation sent");

        ClusterNodes.moveClockTo(DELETION_DUE.plusSeconds(1));
        node.followClock();
        ClusterNodes.await(Duration.ofMinutes(2), () -> purged(setup.purged()) > 0, "the purge under way");
        long purgedBeforeKill = purged(setup.purged());
        node.kill();
        log.info("Killed after {} of {} rows were purged", purgedBeforeKill, setup.rows());
        assertThat(purgedBeforeKill).as("the kill came in the middle").isLessThan(setup.rows());

        node = startNode();
        ClusterNodes.await(
                Duration.ofMinutes(3),
                () -> query("SELECT COUNT(*) FROM erasure_record WHERE erased_at IS NOT NULL") == 1,
                "the purge finished");

        assertThat(purged(setup.purged())).as("every row counted once").isEqualTo(setup.rows());
        assertThat(query("SELECT COUNT(*) FROM crm_organization WHERE account_id = '" + setup.purged() + "'"))
                .isZero();
        assertThat(query("SELECT COUNT(*) FROM account WHERE id = '" + setup.purged() + "'"))
                .isZero();
        assertThat(query("SELECT COUNT(*) FROM account WHERE status = 'CANCELLATION_SCHEDULED'"))
                .isEqualTo(WIZARDS);
        assertThat(query("SELECT COUNT(*) FROM act_ru_incident")).isZero();
        assertThat(query("SELECT COUNT(*) FROM act_ru_job WHERE act_id_ = '" + TASK_PURGE_CRM_DATA + "'"))
                .isZero();
    }

    private record Setup(String purged, long rows, Map<String, TestAccount> wizards, int mailsBefore) {}

    /**
     * In this JVM: one account cancelled in January, locked and reminded, with its deletion due on 31 July; on that
     * day, an hour before, the admins of other accounts open their wizards.
     */
    private Setup prepare() throws InterruptedException {
        ClusterNodes.moveClockTo(START);
        ConfigurableApplicationContext first = nodes.startWorker("setup");
        ProcessEngine engine = first.getBean(ProcessEngine.class);
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        TestAccounts accounts = new TestAccounts(jdbc, first.getBean(AccountIdentities.class));
        TestAccount purged = accounts.paidAccount("en", PERIOD_END);
        new BulkCrmData(jdbc, first.getBean(DataSource.class)).add(purged.id(), CRM_ROWS);
        long rows = query("SELECT (SELECT COUNT(*) FROM crm_organization) + (SELECT COUNT(*) FROM crm_person)"
                + " + (SELECT COUNT(*) FROM crm_deal) + (SELECT COUNT(*) FROM crm_activity)"
                + " + (SELECT COUNT(*) FROM crm_note)");
        String cancellation =
                Cancellations.startAs(engine, purged.admin(), purged.id()).getId();
        Cancellations.completeWizard(engine, cancellation);
        ClusterNodes.awaitSettledAt(engine, cancellation, TIMER_ACCESS_ENDS, "confirmation sent");
        ClusterNodes.moveClockTo(PERIOD_END.plusSeconds(1));
        ClusterNodes.wake(engine);
        ClusterNodes.awaitSettledAt(engine, cancellation, TIMER_DELETION_REMINDER_DUE, "lockout notice sent");
        ClusterNodes.moveClockTo(DELETION_DUE.minusSeconds(3600));
        ClusterNodes.wake(engine);
        ClusterNodes.awaitSettledAt(engine, cancellation, TIMER_DELETION_DUE, "reminder sent");
        ClusterNodes.await(Duration.ofMinutes(1), () -> mailsSent() == 3, "confirmation, notice and reminder received");

        Map<String, TestAccount> wizards = new java.util.LinkedHashMap<>();
        for (int i = 0; i < WIZARDS; i++) {
            TestAccount account = accounts.paidAccount("en", LATER_PERIOD_END);
            wizards.put(
                    Cancellations.startAs(engine, account.admin(), account.id()).getId(), account);
        }
        first.close();
        return new Setup(purged.id(), rows, wizards, 3);
    }

    private NodeProcess startNode() {
        List<String> arguments = new ArrayList<>(nodes.nodeArguments(NODE));
        arguments.addAll(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.autoconfigure.exclude="
                        + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
        return NodeProcess.start("h2-node", LOGS, arguments);
    }

    /**
     * Completes the instance's open steps as its admin would, through engine-rest, counting each step the server
     * acknowledged; a refused connection (the node is gone) ends the admin's session quietly.
     */
    private void completeWizard(
            int port, TestAccount account, String instanceId, Map<String, Integer> acknowledged, AtomicInteger steps) {
        Map<String, Map<String, Object>> answers = WizardAnswers.plain().steps();
        try {
            while (true) {
                HttpResponse<String> open =
                        send(port, account, "GET", ENGINE_REST + "/task?processInstanceId=" + instanceId, null);
                assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
                JsonNode tasks = JSON.readTree(open.body());
                if (tasks.isEmpty()) {
                    return;
                }
                JsonNode task = tasks.get(0);
                Map<String, Object> variables = new java.util.LinkedHashMap<>();
                answers.get(task.path("taskDefinitionKey").asText())
                        .forEach((name, value) -> variables.put(name, Map.of("value", value)));
                HttpResponse<String> completed = send(
                        port,
                        account,
                        "POST",
                        ENGINE_REST + "/task/" + task.path("id").asText() + "/complete",
                        JSON.writeValueAsString(Map.of("variables", variables)));
                assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
                acknowledged.merge(instanceId, 1, Integer::sum);
                steps.incrementAndGet();
            }
        } catch (IOException e) {
            // The node was killed while this admin was at work.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | AssertionError e) {
            unexpected.add(e);
        }
    }

    private HttpResponse<String> send(int port, TestAccount account, String method, String path, String body)
            throws IOException, InterruptedException {
        String credentials = account.admin() + ":" + TestAccounts.PASSWORD;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Mails by Message-ID: a kill between the mail server's answer and the commit sends a mail again, with its
     * Message-ID (at-least-once delivery).
     */
    private long mailsSent() {
        return java.util.Arrays.stream(nodes.smtp().getReceivedMessages())
                .map(message -> {
                    try {
                        return message.getMessageID();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .count();
    }

    private long stepsDone(String instanceId) {
        return query("SELECT COUNT(*) FROM act_hi_taskinst WHERE proc_inst_id_ = '" + instanceId
                + "' AND end_time_ IS NOT NULL");
    }

    private long purged(String accountId) {
        return query("SELECT COALESCE(SUM(organizations + persons + deals + activities + notes), 0)"
                + " FROM erasure_record WHERE account_id = '" + accountId + "'");
    }

    /**
     * One number, read through the node that has the file open (only then: a connection while none has it would
     * open the file in this JVM); 0 when the node cannot answer.
     */
    private long query(String sql) {
        String url = "jdbc:h2:file:" + data.resolve("account-cancellation").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }
}
