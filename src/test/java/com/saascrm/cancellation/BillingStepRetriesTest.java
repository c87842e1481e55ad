package com.saascrm.cancellation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CANCEL_SUBSCRIPTION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_CANCELLATION_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_WITHDRAWAL_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_WITHDRAW_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.StripeAnswers;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The billing steps of the process against a local stand-in of Stripe's API: an error answer (402, 429, 500) is
 * tried again on the configured cycle and, when the tries run out, is an incident that names the account and
 * Stripe's error code; the account stays as it was until the provider has done its part, and a retried incident
 * goes on. A try without an answer is sent again with its key.
 */
class BillingStepRetriesTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2030-05-10T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final Duration RETRY_DELAY = Duration.ofMinutes(10);
    private static final WireMockServer stripe =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @DynamicPropertySource
    static void stripeAsTheProvider(DynamicPropertyRegistry properties) {
        if (!stripe.isRunning()) {
            stripe.start();
        }
        // An engine of its own name: engine-rest of the shared context keeps finding its own engine by name.
        properties.add("camunda.bpm.process-engine-name", () -> "billingsteps");
        properties.add("cancellation.billing.provider", () -> "stripe");
        properties.add("cancellation.billing.stripe.api-key", () -> "sk_test_process");
        properties.add("cancellation.billing.stripe.api-base", () -> "http://127.0.0.1:" + stripe.port());
        properties.add("cancellation.billing.stripe.prices.PROFESSIONAL", () -> "price_pro");
    }

    @AfterAll
    static void stopStripe() {
        stripe.stop();
    }

    @Autowired
    private CancellationCommands commands;

    private TestAccount account;
    private String subscriptionPath;

    @BeforeEach
    void anAccountWithAStripeSubscription() {
        stripe.resetAll();
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        String subscription = "sub_" + account.id().replace("-", "");
        subscriptionPath = "/v1/subscriptions/" + subscription;
        jdbc.sql("UPDATE subscription SET billing_customer_id = ?, billing_subscription_id = ? WHERE account_id = ?")
                .params("cus_" + account.id().replace("-", ""), subscription, account.id())
                .update();
    }

    @ParameterizedTest
    @CsvSource(
            value = {"402, card_declined", "429, rate_limit", "500, "},
            nullValues = "")
    void anErrorAnswerIsTriedAgainThenAnIncidentNamingTheAccountAndTheCode(int status, String code) {
        stripe.stubFor(post(subscriptionPath).willReturn(StripeAnswers.error(status, code)));
        ProcessInstance instance = confirmedCancellation();

        List<Integer> retriesLeft = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            Job job = billingJob(instance);
            setClock(job.getDuedate() == null ? NOW : job.getDuedate().toInstant());
            assertThatThrownBy(() -> managementService.executeJob(job.getId()))
                    .hasMessageContaining("account " + account.id());
            Job failed = billingJob(instance);
            retriesLeft.add(failed.getRetries());
            if (failed.getRetries() > 0) {
                assertThat(failed.getDuedate().toInstant())
                        .isEqualTo(ClockUtil.getCurrentTime().toInstant().plus(RETRY_DELAY));
            }
            assertThat(accountStatus(account.id()))
                    .as("unchanged until the provider has cancelled")
                    .isEqualTo("ACTIVE");
        }

        assertThat(retriesLeft).containsExactly(5, 4, 3, 2, 1, 0);
        Incident incident = runtimeService
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TASK_CANCEL_SUBSCRIPTION);
        assertThat(incident.getIncidentMessage())
                .isEqualTo("Billing provider refused to cancel at the period end for account " + account.id() + ": "
                        + (code == null ? "no error code" : code) + " (HTTP " + status + ")")
                .doesNotContain("Jane Doe");
        assertThat(keysSentTo(subscriptionPath))
                .as("Stripe keeps each answered key's error; every try is a new attempt")
                .containsExactly(
                        keyOf(instance, 1),
                        keyOf(instance, 2),
                        keyOf(instance, 3),
                        keyOf(instance, 4),
                        keyOf(instance, 5),
                        keyOf(instance, 6));

        stripe.stubFor(post(subscriptionPath).willReturn(StripeAnswers.subscription("sub", true, PERIOD_END)));
        managementService.setJobRetries(billingJob(instance).getId(), 1);
        executeJob(instance);

        assertThat(instance).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(keysSentTo(subscriptionPath)).last().isEqualTo(keyOf(instance, 7));
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(PERIOD_END));
    }

    @Test
    void aTryWithoutAnAnswerIsSentAgainWithTheSameKey() {
        // The HTTP client itself sends a request again once after a lost connection; the second loss ends the try.
        for (String state : List.of(STARTED, "reset once")) {
            stripe.stubFor(post(subscriptionPath)
                    .inScenario("lost answer")
                    .whenScenarioStateIs(state)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                    .willSetStateTo(state.equals(STARTED) ? "reset once" : "reset twice"));
        }
        stripe.stubFor(post(subscriptionPath)
                .inScenario("lost answer")
                .whenScenarioStateIs("reset twice")
                .willReturn(StripeAnswers.subscription("sub", true, PERIOD_END)));
        ProcessInstance instance = confirmedCancellation();

        assertThatThrownBy(() -> executeJob(instance))
                .hasMessage("No answer from the billing provider to cancel at the period end for account "
                        + account.id() + ": ApiConnectionException");
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        setClock(NOW.plus(RETRY_DELAY));
        executeJob(instance);

        assertThat(keysSentTo(subscriptionPath))
                .containsExactly(keyOf(instance, 1), keyOf(instance, 1), keyOf(instance, 1));
        assertThat(instance).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
    }

    @Test
    void aWithdrawalIsAJobThatSetsCancelAtPeriodEndBack() {
        stripe.stubFor(post(subscriptionPath).willReturn(StripeAnswers.subscription("sub", true, PERIOD_END)));
        ProcessInstance instance = confirmedCancellation();
        executeJob(instance);
        executeJob(instance);
        stripe.resetAll();
        stripe.stubFor(post(subscriptionPath).willReturn(StripeAnswers.error(500, null)));

        commands.withdraw(account.id());

        assertThat(instance).isWaitingAt(TASK_WITHDRAW_CANCELLATION);
        assertThatThrownBy(() -> executeJob(instance)).hasMessageContaining("withdraw the cancellation");
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");

        stripe.stubFor(post(subscriptionPath).willReturn(StripeAnswers.subscription("sub", false, PERIOD_END)));
        setClock(NOW.plus(RETRY_DELAY));
        executeJob(instance);

        assertThat(instance).isWaitingAt(TASK_SEND_WITHDRAWAL_CONFIRMATION);
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        List<LoggedRequest> sent = stripe.findAll(postRequestedFor(urlPathEqualTo(subscriptionPath)));
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsExactly(
                        instance.getId() + "/" + TASK_WITHDRAW_CANCELLATION + "/1",
                        instance.getId() + "/" + TASK_WITHDRAW_CANCELLATION + "/2");
        assertThat(sent)
                .extracting(request ->
                        request.formParameters().get("cancel_at_period_end").firstValue())
                .containsOnly("false");
    }

    private ProcessInstance confirmedCancellation() {
        ProcessInstance instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        assertThat(instance).isWaitingAt(TASK_CANCEL_SUBSCRIPTION);
        return instance;
    }

    private Job billingJob(ProcessInstance instance) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(TASK_CANCEL_SUBSCRIPTION)
                .singleResult();
    }

    private List<String> keysSentTo(String path) {
        return stripe.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .toList();
    }

    private static String keyOf(ProcessInstance instance, int attempt) {
        return instance.getId() + "/" + TASK_CANCEL_SUBSCRIPTION + "/" + attempt;
    }
}
