package com.saascrm.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.AccountIdentities;
import com.saascrm.security.StaffIdentities;
import com.saascrm.testsupport.LoopbackProxy;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The probes as the orchestrator and the load balancer read them, against a database the test can take away: an H2
 * server behind a loopback hop that the test cuts and restores. The job executor runs; the mail server takes
 * connections and never answers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camunda.bpm.job-execution.enabled=true",
            // A database that does not answer is known within a second, not after Hikari's default of 30.
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.datasource.hikari.validation-timeout=500"
        })
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
class HealthProbesIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Server DATABASE = startDatabase();
    private static final LoopbackProxy NETWORK = new LoopbackProxy(DATABASE.getPort());
    /** Takes connections and never says a word: the SMTP server that hangs. */
    private static final ServerSocket SILENT_MAIL_SERVER = silentServer();

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AccountIdentities identities;

    @Autowired
    private StaffIdentities staff;

    @DynamicPropertySource
    static void databaseAndMailServer(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + NETWORK.port() + "/./health-probes");
        properties.add("spring.mail.port", SILENT_MAIL_SERVER::getLocalPort);
        // Longer than a probe may take: the probe must not wait for it.
        properties.add("spring.mail.properties[mail.smtp.timeout]", () -> "3000");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        SILENT_MAIL_SERVER.close();
        NETWORK.close();
        DATABASE.stop();
    }

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBackWithIt() {
        assertThat(get("/actuator/health/readiness", null))
                .satisfies(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK))
                .satisfies(answer -> assertThat(answer.getBody()).isEqualTo(Map.of("status", "UP")));

        NETWORK.cut();
        ResponseEntity<Map<String, Object>> down =
                pollUntil("/actuator/health/readiness", answer -> answer.getStatusCode() != HttpStatus.OK);
        assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getBody()).isEqualTo(Map.of("status", "DOWN"));
        // Liveness says whether a restart would help; it would not bring the database back.
        assertThat(get("/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);

        NETWORK.restore();
        ResponseEntity<Map<String, Object>> back =
                pollUntil("/actuator/health/readiness", answer -> answer.getStatusCode() == HttpStatus.OK);
        assertThat(back.getBody()).isEqualTo(Map.of("status", "UP"));
    }

    @Test
    void operationsReadEachPartAndAnUnreachableMailServerTakesNoNodeOutOfService() {
        String operations = "ops-health";
        staff.ensureStaffMember(operations, "Operations", "ops-health@crm.example", AccountGroups.OPERATIONS, PASSWORD);

        ResponseEntity<Map<String, Object>> readiness = pollUntil(
                "/actuator/health/readiness",
                operations,
                answer -> "DEGRADED"
                        .equals(partsOf(answer).getOrDefault("mail", Map.of()).get("status")),
                // The mail server's read timeout is 3 s: a probe that waited for it would take that long.
                Duration.ofMillis(1500));

        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).containsEntry("status", "UP");
        Map<String, Map<String, Object>> parts = partsOf(readiness);
        assertThat(parts.get("db")).containsEntry("status", "UP");
        assertThat(parts.get("jobExecutor")).containsEntry("status", "UP");
        assertThat(parts.get("processEngine")).containsEntry("status", "UP");
        assertThat(parts.get("readinessState")).containsEntry("status", "UP");
        assertThat(parts.get("mail")).containsEntry("status", "DEGRADED");
    }

    @Test
    void anAccountAdminAndAnAnonymousCallerReadTheStatusOnly() {
        TestAccount account =
                new TestAccounts(jdbc, identities).paidAccount("en", Instant.parse("2031-01-31T23:59:59Z"));

        for (String caller : new String[] {account.admin(), null}) {
            for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
                ResponseEntity<Map<String, Object>> answer = get(path, caller);
                assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
                assertThat(answer.getBody())
                        .as(path)
                        .containsEntry("status", "UP")
                        .doesNotContainKey("components");
            }
        }
        assertThat(rest.withBasicAuth(account.admin(), PASSWORD)
                        .getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static final String PASSWORD = TestAccounts.PASSWORD;

    private ResponseEntity<Map<String, Object>> get(String path, String login) {
        TestRestTemplate client = login == null ? rest : rest.withBasicAuth(login, PASSWORD);
        return client.exchange(path, HttpMethod.GET, null, JSON);
    }

    /**
     * Asks every second until the answer is the one awaited; fails after 30 seconds. Hikari checks a pooled connection
     * before it lends it only when it has been idle for half a second: asking more often could keep a dead one alive.
     */
    private ResponseEntity<Map<String, Object>> pollUntil(
            String path, Predicate<ResponseEntity<Map<String, Object>>> awaited) {
        return pollUntil(path, null, awaited, Duration.ofSeconds(30));
    }

    /** {@code eachWithin}: how long one answer may take. */
    private ResponseEntity<Map<String, Object>> pollUntil(
            String path, String login, Predicate<ResponseEntity<Map<String, Object>>> awaited, Duration eachWithin) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ResponseEntity<Map<String, Object>> answer = timedGet(path, login, eachWithin);
        while (!awaited.test(answer)) {
            assertThat(Instant.now()).as("%s still answers %s", path, answer).isBefore(deadline);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = timedGet(path, login, eachWithin);
        }
        return answer;
    }

    private ResponseEntity<Map<String, Object>> timedGet(String path, String login, Duration within) {
        Instant asked = Instant.now();
        ResponseEntity<Map<String, Object>> answer = get(path, login);
        assertThat(Duration.between(asked, Instant.now())).as(path).isLessThan(within);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> partsOf(ResponseEntity<Map<String, Object>> answer) {
        Object parts = answer.getBody().get("components");
        return parts == null ? Map.of() : (Map<String, Map<String, Object>>) parts;
    }

    private static Server startDatabase() {
        try {
            // A file database, which a session that comes after the outage opens again with its data.
            String files = "target/health-probes-" + ProcessHandle.current().pid();
            return Server.createTcpServer("-tcpPort", "0", "-baseDir", files, "-ifNotExists")
                    .start();
        } catch (SQLException e) {
            throw new IllegalStateException("The test's database server does not start", e);
        }
    }

    private static ServerSocket silentServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accepting = new Thread(
                    () -> {
                        List<Socket> held = new ArrayList<>();
                        while (!server.isClosed()) {
                            try {
                                held.add(server.accept());
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "silent-mail-server");
            accepting.setDaemon(true);
            accepting.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
