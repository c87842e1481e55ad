package com.saascrm.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The soak run: {@code bench.soak.minutes} (30) of mixed load on one node, over HTTP as clients send it: API starts,
 * wizard steps through engine-rest, status reads and exports, while the job executor sends the mails and runs the
 * lockouts of accounts whose paid period ends during the run (their period ends are spread over it, so timers fall
 * due in real time). Prints the errors (must be 0), the latency percentiles per request type, and the heap left
 * after a full collection at the start and at the end (must not grow).
 */
class SoakBenchmark {

    private static final Duration DURATION = Duration.ofMinutes(Integer.getInteger("bench.soak.minutes", 30));
    private static final int CLIENTS = 4;
    /** Each client sends about this many requests a second: a steady load, not a saturating one. */
    private static final int REQUESTS_PER_CLIENT_SECOND = 5;

    private static final int EXPORT_ROWS = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BenchApp.Running app;
    private static String base;

    private enum Request {
        API_START,
        WIZARD_STEP,
        STATUS_READ,
        EXPORT
    }

    private record Wizard(TestAccount account, String instanceId) {}

    private final Map<Request, Queue<Long>> latencies = new EnumMap<>(Request.class);
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<Wizard> openWizards = new ConcurrentLinkedQueue<>();
    private final Queue<TestAccount> cancelled = new ConcurrentLinkedQueue<>();
    private final AtomicLong lockouts = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestAccounts accounts;
    private TestAccount exported;
    private Instant end;

    @BeforeAll
    static void start() {
        app = BenchApp.startWithMail("soak", true, true);
        base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) app.context()).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void mixedLoad() throws Exception {
        for (Request request : Request.values()) {
            latencies.put(request, new ConcurrentLinkedQueue<>());
        }
        JdbcClient jdbc = app.bean(JdbcClient.class);
        accounts = new TestAccounts(jdbc, app.bean(AccountIdentities.class));
        exported = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));
        new BulkCrmData(jdbc, app.bean(DataSource.class)).add(exported.id(), EXPORT_ROWS);

        // A minute of the same load untimed: the JIT and the pools settle before the first heap figure.
        end = Instant.now().plus(Duration.ofMinutes(1));
        runClients();
        latencies.values().forEach(Queue::clear);
        errors.clear();
        long heapAtStart = heapAfterFullCollection();
        HeapHistogram histogramAtStart = HeapHistogram.now();
        long lockedAtStart = count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'");

        Instant started = Instant.now();
        end = started.plus(DURATION);
        runClients();
        long heapAtEnd = heapAfterFullCollection();
        HeapHistogram histogramAtEnd = HeapHistogram.now();
        lockouts.set(count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") - lockedAtStart);

        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT, """
                | Soak run (%s, %d minutes, %d clients at about %d requests/s each) | requests | errors | p50 | p95 | p99 | max |
                |---|---|---|---|---|---|---|
                """, BenchApp.database(), DURATION.toMinutes(), CLIENTS, REQUESTS_PER_CLIENT_SECOND));
        for (Request request : Request.values()) {
            List<Long> sorted = new ArrayList<>(latencies.get(request));
            Collections.sort(sorted);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %s | %s | %s | %s |%n",
                    request.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    sorted.size(),
                    errors.stream()
                            .filter(error -> error.startsWith(request.name()))
                            .count(),
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted.isEmpty() ? "-" : millis(sorted.get(sorted.size() - 1))));
        }
        table.append(String.format(
                Locale.ROOT,
                "| lockouts that fell due during the run | %,d | | | | | |%n"
                        + "| **errors** (target 0) | | **%d** | | | | |%n"
                        + "| **heap after a full GC: start / end** (must not grow) | | | %d MB / %d MB | | | |%n",
                lockouts.get(),
                errors.size(),
                heapAtStart / (1024 * 1024),
                heapAtEnd / (1024 * 1024)));
        table.append(String.format(Locale.ROOT, """

                | Soak run (%s): the classes whose live objects grew the most | start | end |
                |---|---|---|
                """, BenchApp.database()));
        table.append(histogramAtEnd.grownSince(histogramAtStart, 12));
        BenchApp.report(table.toString());
        errors.stream().limit(10).forEach(error -> System.out.println("[bench] soak error: " + error));
    }

    private void runClients() throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(this::client);
        }
        long lastPurge = System.nanoTime();
        while (Instant.now().isBefore(end)) {
            Thread.sleep(1_000);
            // The mail server keeps every mail in this JVM's heap; dropping them keeps the heap figure the app's.
            if (System.nanoTime() - lastPurge > TimeUnit.MINUTES.toNanos(1)) {
                app.forgetReceivedMail();
                lastPurge = System.nanoTime();
            }
        }
        clients.shutdown();
        if (!clients.awaitTermination(2, TimeUnit.MINUTES)) {
            clients.shutdownNow();
            errors.add("CLIENTS did not stop within two minutes");
        }
        app.forgetReceivedMail();
    }

    /** Sends requests at a steady pace until the end: mostly reads, some starts, the wizard steps they bring. */
    private void client() {
        long pause = 1_000 / REQUESTS_PER_CLIENT_SECOND;
        while (Instant.now().isBefore(end)) {
            long startedAt = System.nanoTime();
            int dice = ThreadLocalRandom.current().nextInt(100);
            try {
                if (dice < 10) {
                    apiStart();
                } else if (dice < 40 && !openWizards.isEmpty()) {
                    wizardStep();
                } else if (dice < 99) {
                    statusRead();
                } else {
                    export();
                }
            } catch (Exception e) {
                errors.add("CLIENT " + e);
            }
            long spent = (System.nanoTime() - startedAt) / 1_000_000;
            sleep(Math.max(0, pause - spent));
        }
    }

    /** An account whose paid period ends during the run, so that its lockout falls due while the load goes on. */
    private void apiStart() throws Exception {
        Instant periodEnd = Instant.now()
                .plusSeconds(ThreadLocalRandom.current().nextLong(60, Math.max(120, DURATION.toSeconds())));
        TestAccount account = accounts.paidAccount("en", periodEnd);
        HttpResponse<String> answer =
                timed(Request.API_START, account, "POST", "/api/accounts/" + account.id() + "/cancellation", "", 201);
        if (answer != null) {
            openWizards.add(new Wizard(
                    account,
                    JSON.readTree(answer.body()).path("processInstanceId").asText()));
        }
    }

    private void wizardStep() throws Exception {
        Wizard wizard = openWizards.poll();
        if (wizard == null) {
            return;
        }
        HttpResponse<String> open =
                send(wizard.account(), "GET", "/engine-rest/task?processInstanceId=" + wizard.instanceId(), null);
        JsonNode tasks = JSON.readTree(open.body());
        if (tasks.isEmpty()) {
            cancelled.add(wizard.account());
            return;
        }
        JsonNode task = tasks.get(0);
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        WizardAnswers.plain()
                .steps()
                .get(task.path("taskDefinitionKey").asText())
                .forEach((name, value) -> variables.put(name, Map.of("value", value)));
        timed(
                Request.WIZARD_STEP,
                wizard.account(),
                "POST",
                "/engine-rest/task/" + task.path("id").asText() + "/complete",
                JSON.writeValueAsString(Map.of("variables", variables)),
                204);
        openWizards.add(wizard);
    }

    private void statusRead() throws Exception {
        TestAccount account = cancelled.peek();
        if (account == null) {
            Wizard wizard = openWizards.peek();
            if (wizard == null) {
                return;
            }
            account = wizard.account();
        }
        timed(Request.STATUS_READ, account, "GET", "/api/accounts/" + account.id() + "/cancellation", null, 200);
        // The next read asks about another account.
        if (cancelled.remove(account)) {
            cancelled.add(account);
        }
    }

    private void export() throws Exception {
        timed(Request.EXPORT, exported, "GET", "/api/accounts/" + exported.id() + "/export", null, 200);
    }

    private HttpResponse<String> timed(
            Request type, TestAccount account, String method, String path, String body, int expected) throws Exception {
        long startedAt = System.nanoTime();
        HttpResponse<String> answer = send(account, method, path, body);
        latencies.get(type).add(System.nanoTime() - startedAt);
        if (answer.statusCode() != expected) {
            errors.add(type + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
            return null;
        }
        return answer;
    }

    private HttpResponse<String> send(TestAccount account, String method, String path, String body) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((account.admin() + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(1))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long heapAfterFullCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String percentile(List<Long> sorted, double share) {
        return sorted.isEmpty() ? "-" : millis(sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * share)));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
