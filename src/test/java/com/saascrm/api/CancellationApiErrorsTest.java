package com.saascrm.api;

import static com.saascrm.testsupport.GeneratedApi.problem;
import static com.saascrm.testsupport.GeneratedApi.refusedStart;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.saascrm.api.client.CancellationApi;
import com.saascrm.api.client.model.CancellationRefusedProblem;
import com.saascrm.api.client.model.ErasureRequestBody;
import com.saascrm.api.client.model.ReasonCount;
import com.saascrm.api.client.model.StartCancellationRequest;
import com.saascrm.api.client.model.StartCancellationRequest.ChannelEnum;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Each kind of bad request gets its status and a problem body, and changes nothing. The calls go through the client
 * generated from the OpenAPI document, as another team's would; only what such a client cannot send (a body that is
 * not JSON, or broken JSON) goes as raw HTTP.
 */
class CancellationApiErrorsTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private HistoryService historyService;

    private TestAccount account;
    private GeneratedApi admin;

    @BeforeEach
    void account() {
        account = accounts.paidAccount("en", PERIOD_END);
        admin = api(account.admin());
    }

    @Test
    void missingOrWrongCredentialsAre401() {
        assertThat(problem(
                                401,
                                () -> new GeneratedApi(rest, null, null)
                                        .cancellation()
                                        .startCancellation(account.id(), null))
                        .getDetail())
                .contains("HTTP Basic");
        assertThat(problem(
                                401,
                                () -> new GeneratedApi(rest, account.admin(), "wrong-password")
                                        .cancellation()
                                        .startCancellation(account.id(), null))
                        .getDetail())
                .contains("HTTP Basic");
        assertNothingStarted();
    }

    @Test
    void userWithoutSettingsAccessIs403() {
        assertThat(problem(403, () -> api(account.user()).cancellation().startCancellation(account.id(), null))
                        .getDetail())
                .contains("Only an admin of account '" + account.id() + "'");
        assertNothingStarted();
    }

    @Test
    void adminOfAnotherAccountIs403ForEveryAction() {
        CancellationApi other =
                api(accounts.paidAccount("en", PERIOD_END).admin()).cancellation();
        String id = account.id();

        List<ThrowingCallable> actions = List.of(
                () -> other.startCancellation(id, null),
                () -> other.getCancellation(id),
                () -> other.abandonCancellation(id),
                () -> other.withdrawCancellation(id),
                () -> other.reopenAccount(id),
                () -> other.resumeBilling(id),
                () -> other.resendConfirmation(id),
                () -> other.requestErasure(id, new ErasureRequestBody().confirmation(id)),
                () -> other.withdrawErasureRequest(id));
        actions.forEach(action -> assertThat(problem(403, action).getDetail()).contains("Only an admin"));
        assertNothingStarted();
    }

    @Test
    void anUnknownAccountIs404AndAMalformedIdIs400ForEveryAction() {
        ByteArrayResource archive = new ByteArrayResource(new byte[] {'P', 'K'});
        CancellationApi cancellation = admin.cancellation();
        GeneratedApi support = api(accounts.staffUser(staffIdentities, AccountGroups.SUPPORT));
        Map<String, ThrowingCallable> actions = new LinkedHashMap<>();
        for (String id : List.of("no-such-account", "Not_A_Slug!")) {
            actions.put(id + " start", () -> cancellation.startCancellation(id, null));
            actions.put(id + " status", () -> cancellation.getCancellation(id));
            actions.put(id + " abandon", () -> cancellation.abandonCancellation(id));
            actions.put(id + " withdraw", () -> cancellation.withdrawCancellation(id));
            actions.put(id + " reopen", () -> cancellation.reopenAccount(id));
            actions.put(id + " resume", () -> cancellation.resumeBilling(id));
            actions.put(id + " resend", () -> cancellation.resendConfirmation(id));
            actions.put(
                    id + " erase", () -> cancellation.requestErasure(id, new ErasureRequestBody().confirmation(id)));
            actions.put(id + " keep", () -> cancellation.withdrawErasureRequest(id));
            actions.put(id + " certificate", () -> support.cancellation().getErasureCertificate(id));
            actions.put(id + " export", () -> admin.portability().exportAccountData(id));
            actions.put(id + " import", () -> admin.portability().importAccountData(id, archive));
        }
        actions.forEach((action, call) -> {
            boolean unknown = action.startsWith("no-such-account");
            assertThat(problem(unknown ? 404 : 400, call).getDetail())
                    .as(action)
                    .contains(unknown ? "no-such-account" : "accountId must be");
        });
    }

    @Test
    void theErasureCertificateIsForSupportAndOnlyOnceIssued() {
        assertThat(problem(403, () -> admin.cancellation().getErasureCertificate(account.id()))
                        .getDetail())
                .contains("Only support");
        GeneratedApi support = api(accounts.staffUser(staffIdentities, AccountGroups.SUPPORT));
        assertThat(problem(404, () -> support.cancellation().getErasureCertificate(account.id()))
                        .getDetail())
                .contains(account.id());
    }

    @Test
    void aModelVersionThatIsNoNumberIs400() {
        ApiClient operations = new ApiClient(
                rest, accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD);
        assertProblem(operations.post("/api/operations/model-migrations/latest"), 400, "fromVersion");
    }

    @Test
    void unknownAccountIs404AndMalformedIdIs400() {
        CancellationApi cancellation = admin.cancellation();
        assertThat(problem(404, () -> cancellation.startCancellation("no-such-account", null))
                        .getDetail())
                .contains("No account with id 'no-such-account'");
        assertThat(problem(400, () -> cancellation.startCancellation("Not_A_Slug!", null))
                        .getDetail())
                .contains("accountId must be 1 to 40 lowercase");
        assertThat(problem(400, () -> cancellation.getCancellation("a".repeat(41)))
                        .getDetail())
                .contains("accountId must be");
    }

    @Test
    void trialAccountIs409WithALinkToTheTrialGuide() {
        TestAccount trial = accounts.trialAccount(PERIOD_END);

        CancellationRefusedProblem refused =
                refusedStart(() -> api(trial.admin()).cancellation().startCancellation(trial.id(), null));

        assertThat(refused.getDetail()).contains("trial account");
        assertThat(refused.getReason()).isEqualTo(CancellationRefusedProblem.ReasonEnum.TRIAL_ACCOUNT);
        assertThat(refused.getTrialGuide()).isEqualTo("/help/cancel-trial.html");
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
        String running = admin.cancellation()
                .startCancellation(account.id(), new StartCancellationRequest().channel(ChannelEnum.BILLING_PAGE))
                .getProcessInstanceId();

        CancellationRefusedProblem second =
                refusedStart(() -> api(account.secondAdmin()).cancellation().startCancellation(account.id(), null));

        assertThat(second.getDetail()).contains("already has a cancellation in progress: request " + running);
        assertThat(second.getReason()).isEqualTo(CancellationRefusedProblem.ReasonEnum.ALREADY_CANCELLING);
        assertThat(second.getRunningRequest()).isEqualTo(running);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void actionsOutOfTurnAre409() {
        CancellationApi cancellation = admin.cancellation();
        String id = account.id();
        assertThat(problem(409, () -> cancellation.withdrawCancellation(id)).getDetail())
                .contains("cannot be withdrawn now");
        assertThat(problem(409, () -> cancellation.abandonCancellation(id)).getDetail())
                .contains("is not in the wizard");
        assertThat(problem(409, () -> cancellation.resendConfirmation(id)).getDetail())
                .contains("has no confirmation to resend");
        assertThat(problem(409, () -> cancellation.reopenAccount(id)).getDetail())
                .contains("cannot be reopened now");
        assertThat(problem(409, () -> cancellation.resumeBilling(id)).getDetail())
                .contains("has no pause to end");
        assertThat(problem(409, () -> cancellation.requestErasure(id, new ErasureRequestBody().confirmation(id)))
                        .getDetail())
                .contains("can be asked for only after the cancellation");
        assertThat(problem(409, () -> cancellation.withdrawErasureRequest(id)).getDetail())
                .contains("has no erasure request to withdraw");
        assertThat(problem(404, () -> cancellation.getCancellation(id)).getDetail())
                .contains("has no cancellation");
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", id))
                .isZero();
    }

    @Test
    void anErasureRequestWithoutTheTypedIdIs400AndAnOversizedOneIs413() {
        CancellationApi cancellation = admin.cancellation();
        String id = account.id();
        assertThat(problem(400, () -> cancellation.requestErasure(id, new ErasureRequestBody().confirmation("acme")))
                        .getDetail())
                .contains("To erase account '" + id);
        assertThat(problem(
                                413,
                                () -> cancellation.requestErasure(
                                        id,
                                        new ErasureRequestBody()
                                                .confirmation(id)
                                                .certificateAddress("x".repeat(20_000) + "@crm.example")))
                        .getDetail())
                .contains("larger than 16384 bytes");
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", id))
                .isZero();
    }

    @Test
    void wrongContentTypeIs415AndInvalidJsonIs400AndOversizedIs413() {
        // What the generated client cannot get wrong, sent as another program might.
        ApiClient raw = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        assertProblem(
                raw.exchange(HttpMethod.POST, cancellation(), "channel=BILLING_PAGE", MediaType.TEXT_PLAIN), 415, null);
        assertProblem(
                raw.exchange(
                        HttpMethod.POST,
                        "/api/accounts/" + account.id() + "/erasure-request",
                        account.id(),
                        MediaType.TEXT_PLAIN),
                415,
                null);
        assertProblem(
                raw.exchange(HttpMethod.POST, cancellation(), "{\"channel\": ", MediaType.APPLICATION_JSON),
                400,
                "The JSON body ends before it is complete");
        assertProblem(
                raw.exchange(
                        HttpMethod.POST, cancellation(), "{\"channel\": \"BY_PIGEON\"}", MediaType.APPLICATION_JSON),
                400,
                "channel must be one of BILLING_PAGE, SUPPORT_TOOL, OTHER");
        assertProblem(
                raw.exchange(
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
        admin.cancellation().startCancellation(account.id(), null);
        runtimeService.correlateMessage(Messages.ABANDON_REQUESTED, account.id());
        GeneratedApi operations = api(accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS));

        List<ReasonCount> counts = operations.statistics().getCancellationReasons();

        assertThat(counts).extracting(ReasonCount::getOutcome).contains(ReasonCount.OutcomeEnum.ABANDONED);
        assertThat(problem(403, () -> admin.statistics().getCancellationReasons())
                        .getDetail())
                .contains("Only operations and support");
    }

    private GeneratedApi api(String login) {
        return new GeneratedApi(rest, login, TestAccounts.PASSWORD);
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
