package com.saascrm.api;

import static com.saascrm.testsupport.GeneratedApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.saascrm.api.client.CancellationApi;
import com.saascrm.api.client.model.CancellationStatus;
import com.saascrm.api.client.model.CancellationStatus.StatusEnum;
import com.saascrm.api.client.model.StartCancellationRequest;
import com.saascrm.api.client.model.StartCancellationRequest.ChannelEnum;
import com.saascrm.api.client.model.StartedCancellation;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The whole life of cancellations through HTTP only: the API for the commands, through the client generated from its
 * OpenAPI document, and engine-rest for the wizard tasks and, as the Camunda administrator, for running due jobs.
 * Only the engine clock is moved from here.
 */
class CancellationApiLifecycleTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-03-10T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-03-31T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    private ApiClient camundaAdmin;
    private CancellationApi support;

    @BeforeEach
    void clients() {
        setClock(NOW);
        camundaAdmin = new ApiClient(rest, "admin", "admin-test-password");
        support = api(accounts.staffUser(staffIdentities, AccountGroups.SUPPORT));
    }

    @Test
    void startWizardCancelAndWithdraw() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        CancellationApi admin = adminOf(account);

        ResponseEntity<StartedCancellation> started = admin.startCancellationWithHttpInfo(
                account.id(), new StartCancellationRequest().channel(ChannelEnum.BILLING_PAGE));
        assertThat(started.getStatusCode().value()).isEqualTo(201);
        assertThat(started.getHeaders().getLocation()).hasToString(cancellation(account));
        assertThat(started.getBody().getStatus()).isEqualTo(StartedCancellation.StatusEnum.IN_PROGRESS);
        assertThat(started.getBody().getStep()).isEqualTo("Task_ReviewAccountData");
        String instanceId = started.getBody().getProcessInstanceId();

        completeWizardThroughEngineRest(account, instanceId);
        assertThat(admin.getCancellation(account.id()).getStatus())
                .as("confirmed, before the billing provider has cancelled")
                .isEqualTo(StatusEnum.IN_PROGRESS);
        runDueJobs(instanceId);

        int confirmations = smtp.getReceivedMessages().length;
        ResponseEntity<Void> resent = admin.resendConfirmationWithHttpInfo(account.id());
        assertThat(resent.getStatusCode().value()).isEqualTo(202);
        runDueJobs(instanceId);
        assertThat(smtp.getReceivedMessages())
                .as("the confirmation, and once more")
                .hasSize(confirmations * 2);

        CancellationStatus cancelled = admin.getCancellation(account.id());
        assertThat(cancelled.getStatus()).isEqualTo(StatusEnum.CANCELLED);
        assertThat(cancelled.getAccessEndsAt()).isEqualTo(PERIOD_END.atOffset(ZoneOffset.UTC));
        assertThat(cancelled.getDeletionDueAt()).isEqualTo(OffsetDateTime.parse("2027-09-30T23:59:59Z"));
        assertThat(cancelled.getCurrentPeriodEndsAt()).isEqualTo(PERIOD_END.atOffset(ZoneOffset.UTC));

        CancellationStatus withdrawn = admin.withdrawCancellation(account.id());
        assertThat(withdrawn.getStatus()).isEqualTo(StatusEnum.WITHDRAWN);
        runDueJobs(instanceId);
        CancellationStatus afterWithdrawal = admin.getCancellation(account.id());
        assertThat(afterWithdrawal.getStatus()).isEqualTo(StatusEnum.WITHDRAWN);
        assertThat(afterWithdrawal.getAccessEndsAt())
                .as("access no longer ends")
                .isNull();
        assertThat(afterWithdrawal.getDeletionDueAt()).isNull();
        assertThat(afterWithdrawal.getCurrentPeriodEndsAt()).isEqualTo(PERIOD_END.atOffset(ZoneOffset.UTC));
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
        assertThat(support.getCancellation(reopened.id()).getStatus()).isEqualTo(StatusEnum.LOCKED);
        assertThat(adminOf(deleted).getCancellation(deleted.id()).getStatus()).isEqualTo(StatusEnum.LOCKED);
        assertThat(problem(409, () -> adminOf(deleted).withdrawCancellation(deleted.id()))
                        .getDetail())
                .contains("cannot be withdrawn now");
        assertThat(accountStatus(deleted.id())).isEqualTo("LOCKED");

        assertThat(support.reopenAccount(reopened.id()).getStatus()).isEqualTo(StatusEnum.REOPENED);
        assertThat(accountStatus(reopened.id()))
                .as("until the billing provider has a new subscription")
                .isEqualTo("LOCKED");
        runDueJobs(reopenedInstance);
        assertThat(accountStatus(reopened.id())).isEqualTo("ACTIVE");
        CancellationStatus afterReopening = support.getCancellation(reopened.id());
        assertThat(afterReopening.getStatus()).isEqualTo(StatusEnum.REOPENED);
        assertThat(afterReopening.getAccessEndsAt())
                .as("the old dates are gone")
                .isNull();
        assertThat(afterReopening.getDeletionDueAt()).isNull();
        assertThat(afterReopening.getCurrentPeriodEndsAt())
                .as("the new period, from the reopening on the period end")
                .isEqualTo(OffsetDateTime.parse("2027-04-30T23:59:59Z"));

        setClock(Instant.parse("2027-09-30T23:59:59Z"));
        runDueJobs(deletedInstance);
        assertThat(support.getCancellation(deleted.id()).getStatus()).isEqualTo(StatusEnum.DELETED);
        assertThat(accountStatus(deleted.id())).isNull();
        assertThat(support.getErasureCertificate(deleted.id()))
                .as("the certificate of the erasure, for support")
                .isInstanceOfSatisfying(
                        Map.class,
                        certificate -> assertThat(certificate.get("accountId")).isEqualTo(deleted.id()));
        problem(404, () -> support.reopenAccount(deleted.id()));
    }

    @Test
    void aPauseTakenInTheWizardEndsEarlyThroughTheApiAndOnlyForItsOwnAdmins() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        TestAccount other = accounts.paidAccount("en", PERIOD_END);
        accounts.customerSince(account.id(), LocalDate.of(2025, 1, 1));
        CancellationApi admin = adminOf(account);
        String instanceId = admin.startCancellation(account.id(), null).getProcessInstanceId();
        completeTask(account, instanceId, ApiClient.typedVariables(Map.of("reviewDecision", "CONTINUE")));
        completeTask(account, instanceId, ApiClient.typedVariables(Map.of("cancellationReason", "UNUSED")));
        assertThat(admin.getCancellation(account.id()).getStep()).isEqualTo("Task_ConsiderRetentionOffer");
        completeTask(account, instanceId, ApiClient.typedVariables(Map.of("retentionOfferAnswer", "ACCEPT")));
        runDueJobs(instanceId);

        CancellationStatus paused = admin.getCancellation(account.id());
        assertThat(paused.getStatus()).isEqualTo(StatusEnum.PAUSED);
        assertThat(paused.getPauseEndsAt()).isEqualTo(OffsetDateTime.parse("2027-06-10T09:00:00Z"));

        problem(403, () -> adminOf(other).resumeBilling(account.id()));
        assertThat(admin.getCancellation(account.id()).getStatus())
                .as("another account's admin changes nothing")
                .isEqualTo(StatusEnum.PAUSED);

        assertThat(admin.resumeBilling(account.id()).getStatus()).isEqualTo(StatusEnum.RETAINED);
        runDueJobs(instanceId);
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND paused_until IS NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(admin.getCancellation(account.id()).getStatus()).isEqualTo(StatusEnum.RETAINED);

        assertThat(problem(409, () -> admin.resumeBilling(account.id())).getDetail())
                .contains("has no pause to end")
                .contains("it is now RETAINED");
    }

    private String cancelThroughHttp(TestAccount account) {
        String instanceId =
                adminOf(account).startCancellation(account.id(), null).getProcessInstanceId();
        completeWizardThroughEngineRest(account, instanceId);
        runDueJobs(instanceId);
        return instanceId;
    }

    private void completeWizardThroughEngineRest(TestAccount account, String instanceId) {
        WizardAnswers.plain().completeEach(step -> completeTask(account, instanceId, ApiClient.typedVariables(step)));
    }

    /** The wizard's steps are Camunda tasks, done through engine-rest, which the API's document does not cover. */
    private void completeTask(TestAccount account, String instanceId, Map<String, Object> variables) {
        ApiClient admin = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
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

    private CancellationApi adminOf(TestAccount account) {
        return api(account.admin());
    }

    private CancellationApi api(String login) {
        return new GeneratedApi(rest, login, TestAccounts.PASSWORD).cancellation();
    }

    private static String cancellation(TestAccount account) {
        return "/api/accounts/" + account.id() + "/cancellation";
    }
}
