package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * One account used by two admins and support at the same moment, over HTTP on loopback, for a bounded time: no
 * answer is a 5xx, every answer is one the API documents, and the account's rows and its process agree afterwards. A
 * lost abandon race logs no ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentCancellationTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final Duration CHURN = Duration.ofSeconds(6);

    @Autowired
    private TestRestTemplate rest;

    @Test
    void aLostAbandonRaceIs409SayingTheRequestWasAlreadyAbandoned(CapturedOutput log) throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ApiClient alice = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        ApiClient bob = new ApiClient(rest, account.secondAdmin(), TestAccounts.PASSWORD);
        assertThat(alice.post(cancellation(account)).status()).isEqualTo(201);

        List<ApiClient.Answer> answers = atOnce(List.of(alice, bob, alice, bob), client -> client.delete(cancellation(account)));

        assertThat(answers).extracting(ApiClient.Answer::status).containsOnly(204, 409).containsOnlyOnce(204);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer -> {
            assertThat(answer.contentType().toString()).startsWith("application/problem+json");
            assertThat(answer.text("detail")).contains("is not in the wizard; it has already been abandoned");
        });
        assertThat(alice.get(cancellation(account)).text("status")).isEqualTo("ABANDONED");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id())).isZero();
        assertThat(errorLines(log)).isEmpty();
    }

    @Test
    void startsAbandonsAndStatusReadsAtOnceNeverAnswer5xx() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ApiClient alice = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        ApiClient bob = new ApiClient(rest, account.secondAdmin(), TestAccounts.PASSWORD);
        ApiClient support = new ApiClient(rest, accounts.staffUser(identityService, AccountGroups.SUPPORT), TestAccounts.PASSWORD);
        Map<String, Set<Integer>> documented = Map.of("POST", Set.of(201, 409), "DELETE", Set.of(204, 409), "GET", Set.of(200, 404));
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + CHURN.toNanos();

        atOnce(List.of(alice, bob, support), client -> {
            int round = 0;
            while (System.nanoTime() < deadline) {
                String method = client == support ? "GET" : List.of("POST", "GET", "DELETE").get(round++ % 3);
                ApiClient.Answer answer = switch (method) {
                    case "POST" -> client.post(cancellation(account));
                    case "DELETE" -> client.delete(cancellation(account));
                    default -> client.get(cancellation(account));
                };
                answers.add(method + " " + answer.status() + (answer.status() >= 500 ? " " + answer.response().getBody() : ""));
            }
            return null;
        });

        assertThat(answers).hasSizeGreaterThan(30).allSatisfy(answer -> {
            String[] parts = answer.split(" ", 3);
            assertThat(documented.get(parts[0])).as(answer).contains(Integer.parseInt(parts[1]));
        });
        assertThat(answers).anyMatch(answer -> answer.startsWith("POST 201")).anyMatch(answer -> answer.startsWith("DELETE 204"));
        long running = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(account.id()).count();
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .as("a request row exactly while a cancellation runs").isEqualTo(running);
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
    }

    private interface Call<T> {
        T on(ApiClient client) throws Exception;
    }

    /** Runs one call per client, all released at the same moment; waits at most a minute for them. */
    private static <T> List<T> atOnce(List<ApiClient> clients, Call<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients.size());
        CountDownLatch startingGun = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (ApiClient client : clients) {
                futures.add(threads.submit(() -> {
                    startingGun.await();
                    return call.on(client);
                }));
            }
            startingGun.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> errorLines(CapturedOutput log) {
        return log.getAll().lines().filter(line -> line.contains(" ERROR ")).toList();
    }

    private static String cancellation(TestAccount account) {
        return "/api/accounts/" + account.id() + "/cancellation";
    }
}
