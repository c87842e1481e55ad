package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.TaskService;
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
 * Accounts used by two admins, support and operations at the same moment, over HTTP on loopback: races that one
 * caller must lose answer what that caller would have got a moment later, a bounded churn of every command answers
 * only what the API and engine-rest document, the accounts' rows and processes agree afterwards, and none of it
 * logs an ERROR. The same churn runs on two nodes on PostgreSQL in {@code TwoNodeConcurrencyIT}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentCancellationTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final Duration CHURN = Duration.ofSeconds(10);

    @Autowired
    private TestRestTemplate rest;

    @Test
    void aLostAbandonRaceIs409SayingTheRequestWasAlreadyAbandoned(CapturedOutput log) throws Exception {
        Started started = aCancellationStartedByAlice();
        TestAccount account = started.account();
        ApiClient alice = started.alice();
        ApiClient bob = started.bob();

        List<ApiClient.Answer> answers =
                atOnce(List.of(alice, bob, alice, bob), client -> client.delete(cancellation(account)));

        assertThat(answers)
                .extracting(ApiClient.Answer::status)
                .containsOnly(204, 409)
                .containsOnlyOnce(204);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer -> {
            assertThat(answer.contentType().toString()).startsWith("application/problem+json");
            assertThat(answer.text("detail")).contains("is not in the wizard; it has already been abandoned");
        });
        assertThat(alice.get(cancellation(account)).text("status")).isEqualTo("ABANDONED");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(CancellationChurn.errors(log.getAll())).isEmpty();
    }

    @Test
    void theSecondOfTwoAdminsCompletingTheSameStepIsToldTheTaskIsNotOpen(CapturedOutput log) throws Exception {
        Started started = aCancellationStartedByAlice();
        ApiClient alice = started.alice();
        ApiClient bob = started.bob();
        String instanceId = started.instanceId();
        alice.postJson(
                "/engine-rest/task/" + started.openTask(taskService) + "/complete",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "CONTINUE"))));
        String reason = started.openTask(taskService);
        Map<String, Object> answer =
                Map.of("variables", Map.of("cancellationReason", Map.of("value", "TOO_EXPENSIVE")));

        List<ApiClient.Answer> answers = atOnce(
                List.of(alice, bob, alice, bob),
                client -> client.postJson("/engine-rest/task/" + reason + "/submit-form", answer));

        assertThat(answers)
                .extracting(ApiClient.Answer::status)
                .containsOnly(204, 400)
                .containsOnlyOnce(204);
        assertThat(answers)
                .filteredOn(lost -> lost.status() == 400)
                .allSatisfy(lost -> assertThat(lost.text("message")).contains("is not open"));
        assertThat(count("SELECT COUNT(*) FROM cancellation_feedback WHERE request_id = ?", instanceId))
                .isOne();
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instanceId)
                        .singleResult()
                        .getTaskDefinitionKey())
                .isEqualTo("Task_ConfirmCancellation");
        assertThat(CancellationChurn.errors(log.getAll())).isEmpty();
    }

    @Test
    void theSecondOfTwoAdminsClaimingTheSameStepIsToldItIsClaimed(CapturedOutput log) throws Exception {
        Started started = aCancellationStartedByAlice();
        TestAccount account = started.account();
        ApiClient alice = started.alice();
        String review = started.openTask(taskService);

        List<ApiClient.Answer> answers = atOnce(
                List.of(alice, started.bob()),
                client -> client.postJson(
                        "/engine-rest/task/" + review + "/claim",
                        Map.of("userId", client == alice ? account.admin() : account.secondAdmin())));

        assertThat(answers).extracting(ApiClient.Answer::status).containsExactlyInAnyOrder(204, 400);
        ApiClient.Answer lost = answers.stream()
                .filter(answer -> answer.status() == 400)
                .findFirst()
                .orElseThrow();
        assertThat(lost.text("message")).isEqualTo("task " + review + " is already claimed by someone else");
        String winner = answers.get(0).status() == 204 ? account.admin() : account.secondAdmin();
        assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee())
                .isEqualTo(winner);
        assertThat(CancellationChurn.errors(log.getAll())).isEmpty();
        assertThat(log.getAll()).doesNotContain("TaskAlreadyClaimedException");
    }

    @Test
    void startsWizardStepsAbandonsWithdrawalsAndReadsAtOnceAnswerOnlyWhatIsDocumented(CapturedOutput log)
            throws Exception {
        List<TestAccount> shared =
                List.of(accounts.paidAccount("en", PERIOD_END), accounts.paidAccount("nb", PERIOD_END));
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);
        String operations = accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS);

        List<CancellationChurn.Answer> answers = new CancellationChurn(
                        List.of(new CancellationChurn.Node(rest, "/engine-rest")))
                .runningJobsOn(processEngine)
                .run(shared, support, operations, CHURN);

        CancellationChurn.assertAnswersDocumented(answers);
        CancellationChurn.runDueJobs(processEngine, shared);
        CancellationChurn.assertAccountsAgree(shared, processEngine, jdbc);
        assertThat(CancellationChurn.errors(log.getAll())).isEmpty();
    }

    /** A new account's cancellation, started by its first admin (alice); bob is its second admin. */
    private record Started(TestAccount account, ApiClient alice, ApiClient bob, String instanceId) {

        String openTask(TaskService tasks) {
            return tasks.createTaskQuery()
                    .processInstanceId(instanceId)
                    .singleResult()
                    .getId();
        }
    }

    private Started aCancellationStartedByAlice() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ApiClient alice = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        ApiClient.Answer started = alice.post(cancellation(account));
        assertThat(started.status()).isEqualTo(201);
        return new Started(
                account,
                alice,
                new ApiClient(rest, account.secondAdmin(), TestAccounts.PASSWORD),
                started.text("processInstanceId"));
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

    private static String cancellation(TestAccount account) {
        return "/api/accounts/" + account.id() + "/cancellation";
    }
}
