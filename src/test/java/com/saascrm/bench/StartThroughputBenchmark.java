package com.saascrm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * B1: cancellations started per second through {@code POST /api/accounts/{id}/cancellation} by 4 concurrent
 * clients, against engine-rest starts of a one-user-task process in the same application (the baseline).
 */
class StartThroughputBenchmark {

    private static final int STARTS = Integer.getInteger("bench.b1.starts", 400);
    private static final int CLIENTS = 4;
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    private static BenchApp.Running app;
    private static String base;

    @BeforeAll
    static void start() {
        app = BenchApp.startWithMail("b1", true, false);
        base = "http://127.0.0.1:"
                + ((WebServerApplicationContext) app.context()).getWebServer().getPort();
        BenchFlows.deployBaselines(app.bean(ProcessEngine.class));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void startsPerSecond() {
        TestAccounts accounts = new TestAccounts(app.bean(JdbcClient.class), app.bean(AccountIdentities.class));
        HttpClient http = HttpClient.newHttpClient();
        List<TestAccount>[] batch = new List[1];

        Measurement.Result api = Measurement.measure(
                "API starts",
                RUNS,
                () -> {
                    batch[0] = new ArrayList<>();
                    for (int i = 0; i < STARTS; i++) {
                        batch[0].add(accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z")));
                    }
                },
                () -> inParallel(
                        batch[0].stream()
                                .map(account -> request(
                                        account.admin(),
                                        TestAccounts.PASSWORD,
                                        "/api/accounts/" + account.id() + "/cancellation",
                                        ""))
                                .toList(),
                        http,
                        201));

        Measurement.Result engineRest = Measurement.measure(
                "engine-rest starts of a one-user-task process",
                RUNS,
                () -> {},
                () -> inParallel(
                        java.util.stream.IntStream.range(0, STARTS)
                                .mapToObj(i -> request(
                                        "admin",
                                        "admin-test-password",
                                        "/engine-rest/process-definition/key/" + BenchFlows.ONE_TASK + "/start",
                                        "{\"businessKey\":\"baseline-" + i + "\"}"))
                                .toList(),
                        http,
                        200));

        double apiRate = STARTS / (api.median().toMillis() / 1000.0);
        double baseRate = STARTS / (engineRest.median().toMillis() / 1000.0);
        BenchApp.report(String.format(
                Locale.ROOT,
                """
                | B1 start throughput (%s, %d starts, %d clients, %d runs) | median | spread | starts/s |
                |---|---|---|---|
                | %s | %.2f s | %s | %.1f |
                | %s | %.2f s | %s | %.1f |
                | **ratio API / baseline** (target >= 0.7) | | | **%.2f** |
                """,
                BenchApp.database(),
                STARTS,
                CLIENTS,
                RUNS,
                api.name(),
                api.median().toMillis() / 1000.0,
                api.spread(),
                apiRate,
                engineRest.name(),
                engineRest.median().toMillis() / 1000.0,
                engineRest.spread(),
                baseRate,
                apiRate / baseRate));
    }

    private static HttpRequest request(String login, String password, String path, String json) {
        String credentials =
                Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static long inParallel(List<HttpRequest> requests, HttpClient http, int expectedStatus) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (HttpRequest request : requests) {
                answers.add(clients.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status != expectedStatus) {
                    throw new IllegalStateException("A start answered " + status);
                }
            }
            return requests.size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }
}
