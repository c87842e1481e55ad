package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Each kind of bad request gets its status and a problem body, and changes nothing. */
class CancellationApiErrorsTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private HistoryService historyService;

    private TestAccount account;
    private ApiClient admin;

    @BeforeEach
    void account() {
        account = accounts.paidAccount("en", PERIOD_END);
        admin = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
    }

    @Test
    void missingOrWrongCredentialsAre401() {
        assertProblem(new ApiClient(rest, null, null).post(cancellation()), 401, "HTTP Basic");
        assertProblem(new ApiClient(rest, account.admin(), "wrong-password").post(cancellation()), 401, "HTTP Basic");
        assertNothingStarted();
    }

    @Test
    void userWithoutSettingsAccessIs403() {
        assertProblem(
                new ApiClient(rest, account.user(), TestAccounts.PASSWORD).post(cancellation()),
                403,
                "Only an admin of account '" + account.id() + "'");
        assertNothingStarted();
    }

    @Test
    void adminOfAnotherAccountIs403ForEveryAction() {
        ApiClient other =
                new ApiClient(rest, accounts.paidAccount("en", PERIOD_END).admin(), TestAccounts.PASSWORD);

        assertProblem(other.post(cancellation()), 403, "Only an admin");
        assertProblem(other.get(cancellation()), 403, "Only an admin");
        assertProblem(other.delete(cancellation()), 403, "Only an admin");
        assertProblem(other.post(cancellation() + "/withdrawal"), 403, "Only an admin");
        assertProblem(other.post("/api/accounts/" + account.id() + "/reopening"), 403, "Only an admin");
        assertProblem(other.post(cancellation() + "/confirmation-email"), 403, "Only an admin");
        assertNothingStarted();
    }

    @Test
    void unknownAccountIs404AndMalformedIdIs400() {
        assertProblem(
                admin.post("/api/accounts/no-such-account/cancellation"), 404, "No account with id 'no-such-account'");
        assertProblem(admin.post("/api/accounts/Not_A_Slug!/cancellation"), 400, "accountId must be 1 to 40 lowercase");
        assertProblem(admin.get("/api/accounts/" + "a".repeat(41) + "/cancellation"), 400, "accountId must be");
    }

    @Test
    void trialAccountIs409WithALinkToTheTrialGuide() {
        TestAccount trial = accounts.trialAccount(PERIOD_END);

        ApiClient.Answer refused = new ApiClient(rest, trial.admin(), TestAccounts.PASSWORD)
                .post("/api/accounts/" + trial.id() + "/cancellation");

        assertProblem(refused, 409, "trial account");
        assertThat(refused.text("trialGuide")).isEqualTo("/help/cancel-trial.html");
        assertThat(rest.getForEntity("/help/cancel-trial.html", String.class).getBody())
                .contains("Cancel a trial account");
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(trial.id())
                        .count())
                .isZero();
    }

    @Test
    void secondStartIs409NamingTheRunningRequest() {
        String running = admin.post(cancellation()).text("processInstanceId");

        ApiClient.Answer second =
                new ApiClient(rest, account.secondAdmin(), TestAccounts.PASSWORD).post(cancellation());

        assertProblem(second, 409, "already has a cancellation in progress: request " + running);
        assertThat(second.text("runningRequest")).isEqualTo(running);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void actionsOutOfTurnAre409() {
        assertProblem(admin.post(cancellation() + "/withdrawal"), 409, "cannot be withdrawn now");
        assertProblem(admin.delete(cancellation()), 409, "is not in the wizard");
        assertProblem(admin.post(cancellation() + "/confirmation-email"), 409, "has no confirmation to resend");
        assertProblem(admin.get(cancellation()), 404, "has no cancellation");
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
    }

    @Test
    void wrongContentTypeIs415AndInvalidJsonIs400AndOversizedIs413() {
        assertProblem(
                admin.exchange(HttpMethod.POST, cancellation(), "channel=BILLING_PAGE", MediaType.TEXT_PLAIN),
                415,
                null);
        assertProblem(
                admin.exchange(HttpMethod.POST, cancellation(), "{\"channel\": ", MediaType.APPLICATION_JSON),
                400,
                "The JSON body ends before it is complete");
        assertProblem(
                admin.exchange(
                        HttpMethod.POST, cancellation(), "{\"channel\": \"BY_PIGEON\"}", MediaType.APPLICATION_JSON),
                400,
                "channel must be one of BILLING_PAGE, SUPPORT_TOOL, OTHER");
        assertProblem(
                admin.exchange(
                        HttpMethod.POST,
                        cancellation(),
                        "{\"channel\":\"" + "x".repeat(20_000) + "\"}",
                        MediaType.APPLICATION_JSON),
                413,
                "larger than 16384 bytes");
        assertNothingStarted();
    }

    @Test
    void statisticsAreForOperationsAndSupportOnly() {
        admin.post(cancellation());
        runtimeService.correlateMessage(Messages.ABANDON_REQUESTED, account.id());
        ApiClient operations = new ApiClient(
                rest, accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD);

        ApiClient.Answer counts = operations.get("/api/statistics/cancellation-reasons");

        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.json().findValuesAsText("outcome")).contains("ABANDONED");
        assertProblem(admin.get("/api/statistics/cancellation-reasons"), 403, "Only operations and support");
    }

    private void assertProblem(ApiClient.Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.response().getBody()).isEqualTo(status);
        assertThat(answer.contentType()).isNotNull();
        assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(answer.status() + " " + answer.contentType())
                .isTrue();
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.text("detail")).isNotBlank();
        if (detail != null) {
            assertThat(answer.text("detail")).contains(detail);
        }
        assertThat(answer.response().getBody())
                .doesNotContain("Exception")
                .doesNotContain("SELECT")
                .doesNotContain("at com.");
    }

    private void assertNothingStarted() {
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
    }

    private String cancellation() {
        return "/api/accounts/" + account.id() + "/cancellation";
    }
}
