package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The whole life of cancellations through HTTP only: the API for the commands, engine-rest for the wizard tasks
 * and, as the Camunda administrator, for running due jobs. Only the engine clock is moved from here.
 */
class CancellationApiLifecycleTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-03-10T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-03-31T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    private ApiClient camundaAdmin;
    private ApiClient support;

    @BeforeEach
    void clients() {
        setClock(NOW);
        camundaAdmin = new ApiClient(rest, "admin", "admin-test-password");
        support =
                new ApiClient(rest, accounts.staffUser(staffIdentities, AccountGroups.SUPPORT), TestAccounts.PASSWORD);
    }

    @Test
    void startWizardCancelAndWithdraw() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ApiClient admin = adminOf(account);

        ApiClient.Answer started = admin.postJson(cancellation(account), Map.of("channel", "BILLING_PAGE"));
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.header("Location")).isEqualTo(cancellation(account));
        assertThat(started.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(started.text("step")).isEqualTo("Task_ReviewAccountData");
        String instanceId = started.text("processInstanceId");

        completeWizardThroughEngineRest(admin, instanceId);
        assertThat(admin.get(cancellation(account)).text("status"))
                .as("confirmed, before the billing provider has cancelled")
                .isEqualTo("IN_PROGRESS");
        runDueJobs(instanceId);

        JsonNode cancelled = admin.get(cancellation(account)).json();
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("accessEndsAt").asText()).isEqualTo("2027-03-31T23:59:59Z");
        assertThat(cancelled.path("deletionDueAt").asText()).isEqualTo("2027-09-30T23:59:59Z");
        assertThat(cancelled.path("currentPeriodEndsAt").asText()).isEqualTo("2027-03-31T23:59:59Z");

        ApiClient.Answer withdrawn = admin.post(cancellation(account) + "/withdrawal");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
        runDueJobs(instanceId);
        JsonNode afterWithdrawal = admin.get(cancellation(account)).json();
        assertThat(afterWithdrawal.path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(afterWithdrawal.path("accessEndsAt").isNull())
                .as("access no longer ends: " + afterWithdrawal)
                .isTrue();
        assertThat(afterWithdrawal.path("deletionDueAt").isNull()).isTrue();
        assertThat(afterWithdrawal.path("currentPeriodEndsAt").asText()).isEqualTo("2027-03-31T23:59:59Z");
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
    }

    @Test
    void lockoutReopeningAndDeletion() {
        TestAccount reopened = accounts.paidAccount("nb", PERIOD_END);
        TestAccount deleted = accounts.paidAccount("en", PERIOD_END);
        String reopenedInstance = cancelThroughHttp(reopened);
        String deletedInstance = cancelThroughHttp(deleted);

        setClock(PERIOD_END);
        runDueJobs(reopenedInstance);
        runDueJobs(deletedInstance);
        assertThat(support.get(cancellation(reopened)).text("status")).isEqualTo("LOCKED");
        assertThat(adminOf(deleted).get(cancellation(deleted)).text("status")).isEqualTo("LOCKED");
        ApiClient.Answer lateWithdrawal = adminOf(deleted).post(cancellation(deleted) + "/withdrawal");
        assertThat(lateWithdrawal.status()).isEqualTo(409);
        assertThat(lateWithdrawal.text("detail")).contains("cannot be withdrawn now");
        assertThat(accountStatus(deleted.id())).isEqualTo("LOCKED");

        ApiClient.Answer reopening = support.post("/api/accounts/" + reopened.id() + "/reopening");
        assertThat(reopening.status()).isEqualTo(200);
        assertThat(reopening.text("status")).isEqualTo("REOPENED");
        assertThat(accountStatus(reopened.id()))
                .as("until the billing provider has a new subscription")
                .isEqualTo("LOCKED");
        runDueJobs(reopenedInstance);
        assertThat(accountStatus(reopened.id())).isEqualTo("ACTIVE");
        JsonNode afterReopening = support.get(cancellation(reopened)).json();
        assertThat(afterReopening.path("status").asText()).isEqualTo("REOPENED");
        assertThat(afterReopening.path("accessEndsAt").isNull())
                .as("the old dates are gone: " + afterReopening)
                .isTrue();
        assertThat(afterReopening.path("deletionDueAt").isNull()).isTrue();
        assertThat(afterReopening.path("currentPeriodEndsAt").asText())
                .as("the new period, from the reopening on the period end")
                .isEqualTo("2027-04-30T23:59:59Z");

        setClock(Instant.parse("2027-09-30T23:59:59Z"));
        runDueJobs(deletedInstance);
        JsonNode status = support.get(cancellation(deleted)).json();
        assertThat(status.path("status").asText()).isEqualTo("DELETED");
        assertThat(accountStatus(deleted.id())).isNull();
        assertThat(support.post("/api/accounts/" + deleted.id() + "/reopening").status())
                .isEqualTo(404);
    }

    @Test
    void aPauseTakenInTheWizardEndsEarlyThroughTheApiAndOnlyForItsOwnAdmins() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        TestAccount other = accounts.paidAccount("en", PERIOD_END);
        accounts.customerSince(account.id(), LocalDate.of(2025, 1, 1));
        ApiClient admin = adminOf(account);
        String instanceId = admin.post(cancellation(account)).text("processInstanceId");
        completeTask(admin, instanceId, ApiClient.typedVariables(Map.of("reviewDecision", "CONTINUE")));
        completeTask(admin, instanceId, ApiClient.typedVariables(Map.of("cancellationReason", "UNUSED")));
        assertThat(admin.get(cancellation(account)).text("step")).isEqualTo("Task_ConsiderRetentionOffer");
        completeTask(admin, instanceId, ApiClient.typedVariables(Map.of("retentionOfferAnswer", "ACCEPT")));
        runDueJobs(instanceId);

        JsonNode paused = admin.get(cancellation(account)).json();
        assertThat(paused.path("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.path("pauseEndsAt").asText()).isEqualTo("2027-06-10T09:00:00Z");

        ApiClient.Answer foreign = adminOf(other).post("/api/accounts/" + account.id() + "/resumption");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(admin.get(cancellation(account)).text("status"))
                .as("another account's admin changes nothing")
                .isEqualTo("PAUSED");

        ApiClient.Answer resumed = admin.post("/api/accounts/" + account.id() + "/resumption");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("RETAINED");
        runDueJobs(instanceId);
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND paused_until IS NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(admin.get(cancellation(account)).text("status")).isEqualTo("RETAINED");

        ApiClient.Answer again = admin.post("/api/accounts/" + account.id() + "/resumption");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("has no pause to end").contains("it is now RETAINED");
    }

    private String cancelThroughHttp(TestAccount account) {
        ApiClient admin = adminOf(account);
        String instanceId = admin.post(cancellation(account)).text("processInstanceId");
        completeWizardThroughEngineRest(admin, instanceId);
        runDueJobs(instanceId);
        return instanceId;
    }

    private void completeWizardThroughEngineRest(ApiClient admin, String instanceId) {
        WizardAnswers.plain().completeEach(step -> completeTask(admin, instanceId, ApiClient.typedVariables(step)));
    }

    private void completeTask(ApiClient admin, String instanceId, Map<String, Object> variables) {
        JsonNode tasks =
                admin.get("/engine-rest/task?processInstanceId=" + instanceId).json();
        assertThat(tasks).hasSize(1);
        ApiClient.Answer completed = admin.postJson(
                "/engine-rest/task/" + tasks.get(0).path("id").asText() + "/complete", Map.of("variables", variables));
        assertThat(completed.status()).as(completed.response().getBody()).isEqualTo(204);
    }

    /** Executes, through engine-rest, the jobs of the instance that are due on the engine clock, until none is. */
    private void runDueJobs(String instanceId) {
        for (int round = 0; round < 10; round++) {
            JsonNode jobs = camundaAdmin
                    .get("/engine-rest/job?processInstanceId=" + instanceId + "&executable=true")
                    .json();
            if (jobs.isEmpty()) {
                return;
            }
            for (JsonNode job : jobs) {
                ApiClient.Answer executed =
                        camundaAdmin.post("/engine-rest/job/" + job.path("id").asText() + "/execute");
                assertThat(executed.status()).as(executed.response().getBody()).isEqualTo(204);
            }
        }
        throw new AssertionError("Jobs of " + instanceId + " keep coming due");
    }

    private ApiClient adminOf(TestAccount account) {
        return new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
    }

    private static String cancellation(TestAccount account) {
        return "/api/accounts/" + account.id() + "/cancellation";
    }
}
