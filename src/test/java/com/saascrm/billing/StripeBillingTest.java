package com.saascrm.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saascrm.account.Accounts;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.StripeAnswers;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The stripe adapter against a local server that answers like Stripe's API (bodies in the shape of Stripe's
 * subscription and error objects): what it sends (path, form parameters, the idempotency key, the feedback code)
 * and what it makes of the answers.
 */
class StripeBillingTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.ofEpochSecond(1_780_000_000L);

    @Autowired
    private Accounts accountRows;

    @Autowired
    private StepAttempts attempts;

    private final WireMockServer stripe =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private StripeBilling billing;
    private TestAccount account;

    @BeforeEach
    void stripeAndAnAccountWithASubscriptionThere() {
        stripe.start();
        billing = new StripeBilling(
                new StripeSettings(
                        "sk_test_123",
                        "http://127.0.0.1:" + stripe.port(),
                        Map.of("PROFESSIONAL", "price_pro", "ADVANCED", "price_adv"),
                        null,
                        Duration.ofMinutes(5)),
                accountRows,
                attempts);
        account = accounts.paidAccount("en", Instant.parse("2030-06-30T23:59:59Z"));
        jdbc.sql(
                        "UPDATE subscription SET billing_customer_id = 'cus_1', billing_subscription_id = ? WHERE account_id = ?")
                .params(subscription(), account.id())
                .update();
    }

    @AfterEach
    void stopStripe() {
        stripe.stop();
    }

    @Test
    void aCancellationSetsCancelAtPeriodEndWithTheFeedbackAndTheStepsKey() {
        stripe.stubFor(post("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), true, PERIOD_END)));
        IdempotencyKey key = IdempotencyKey.of(account.id(), "Task_CancelSubscription");

        Instant periodEnd = billing.cancelAtPeriodEnd(account.id(), BillingFeedback.TOO_EXPENSIVE, key);
        billing.cancelAtPeriodEnd(account.id(), BillingFeedback.TOO_EXPENSIVE, key);

        assertThat(periodEnd).isEqualTo(PERIOD_END);
        List<LoggedRequest> sent =
                stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())));
        assertThat(sent).hasSize(2);
        for (LoggedRequest request : sent) {
            assertThat(request.getHeader("Idempotency-Key"))
                    .as("a step that runs again after its write went through sends its key again")
                    .isEqualTo(account.id() + "/Task_CancelSubscription/1");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk_test_123");
            assertThat(request.formParameters().get("cancel_at_period_end").firstValue())
                    .isEqualTo("true");
            assertThat(request.formParameters()
                            .get("cancellation_details[feedback]")
                            .firstValue())
                    .isEqualTo("too_expensive");
        }
        assertThat(sent.get(0).getBodyAsString())
                .as("no free text of the customer")
                .doesNotContain("comment");
    }

    @Test
    void aWithdrawalSetsItBack() {
        stripe.stubFor(post("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), false, PERIOD_END)));

        billing.withdrawCancellation(account.id(), IdempotencyKey.of(account.id(), "Task_WithdrawCancellation"));

        LoggedRequest sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())))
                .get(0);
        assertThat(sent.formParameters().get("cancel_at_period_end").firstValue())
                .isEqualTo("false");
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo(account.id() + "/Task_WithdrawCancellation/1");
    }

    @Test
    void aReopenedAccountGetsANewSubscriptionOfItsPlansPrice() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions")).willReturn(StripeAnswers.subscriptionList("")));
        stripe.stubFor(post("/v1/subscriptions").willReturn(StripeAnswers.subscription("sub_new", false, PERIOD_END)));
        IdempotencyKey step = IdempotencyKey.of(account.id(), "Task_ReopenAccount");

        Instant periodEnd = billing.startNewSubscription(account.id(), step);

        LoggedRequest sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions")))
                .get(0);
        assertThat(sent.formParameters().get("customer").firstValue()).isEqualTo("cus_1");
        assertThat(sent.formParameters().get("items[0][price]").firstValue()).isEqualTo("price_pro");
        assertThat(sent.formParameters().get("metadata[account_id]").firstValue())
                .isEqualTo(account.id());
        assertThat(sent.formParameters().get("metadata[cancellation_step]").firstValue())
                .isEqualTo(step.value());
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo(step.value() + "/1");
        assertThat(stripe.findAll(getRequestedFor(urlPathEqualTo("/v1/subscriptions")))
                        .get(0)
                        .queryParameter("customer")
                        .firstValue())
                .isEqualTo("cus_1");
        assertThat(periodEnd).isEqualTo(PERIOD_END);
        assertThat(accountRows.billingIdsOf(account.id()).orElseThrow().subscriptionId())
                .isEqualTo("sub_new");
        assertThat(accountRows.subscriptionOf(account.id()).orElseThrow().currentPeriodEnd())
                .isEqualTo(periodEnd);
    }

    @Test
    void aSubscriptionThatAnEarlierTryCreatedIsTakenInsteadOfASecond() {
        IdempotencyKey step = IdempotencyKey.of(account.id(), "Task_ReopenAccount");
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
                .willReturn(StripeAnswers.subscriptionList(
                        StripeAnswers.subscriptionJson("sub_other", false, PERIOD_END, Map.of()) + ", "
                                + StripeAnswers.subscriptionJson(
                                        "sub_earlier", false, PERIOD_END, Map.of("cancellation_step", step.value())))));

        Instant periodEnd = billing.startNewSubscription(account.id(), step);

        assertThat(stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions"))))
                .isEmpty();
        assertThat(periodEnd).isEqualTo(PERIOD_END);
        assertThat(accountRows.billingIdsOf(account.id()).orElseThrow().subscriptionId())
                .isEqualTo("sub_earlier");
    }

    @Test
    void anAcceptedDiscountIsACouponOfItsOwnOnTheSubscription() {
        stripe.stubFor(post("/v1/coupons").willReturn(StripeAnswers.coupon("coupon_retention_1")));
        stripe.stubFor(post("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), false, PERIOD_END)));
        IdempotencyKey step = IdempotencyKey.of(account.id(), "Task_ApplyRetentionOffer");

        billing.grantDiscount(account.id(), 25, 3, step);

        LoggedRequest coupon =
                stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/coupons"))).get(0);
        assertThat(coupon.formParameters().get("percent_off").firstValue()).isEqualTo("25");
        assertThat(coupon.formParameters().get("duration").firstValue()).isEqualTo("repeating");
        assertThat(coupon.formParameters().get("duration_in_months").firstValue())
                .isEqualTo("3");
        assertThat(coupon.formParameters().get("max_redemptions").firstValue()).isEqualTo("1");
        assertThat(coupon.getHeader("Idempotency-Key")).isEqualTo(step.value() + "/coupon/1");
        LoggedRequest discount = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())))
                .get(0);
        assertThat(discount.formParameters().get("discounts[0][coupon]").firstValue())
                .isEqualTo("coupon_retention_1");
        assertThat(discount.getHeader("Idempotency-Key")).isEqualTo(step.value() + "/1");
    }

    @Test
    void aCheaperPlanIsTheItemsNewPriceWithoutProration() {
        stripe.stubFor(get("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), false, PERIOD_END)));
        stripe.stubFor(post("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), false, PERIOD_END)));

        billing.changePlan(account.id(), "ADVANCED", IdempotencyKey.of(account.id(), "Task_ApplyRetentionOffer"));

        LoggedRequest change = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())))
                .get(0);
        assertThat(change.formParameters().get("items[0][id]").firstValue()).isEqualTo("si_1");
        assertThat(change.formParameters().get("items[0][price]").firstValue()).isEqualTo("price_adv");
        assertThat(change.formParameters().get("proration_behavior").firstValue())
                .isEqualTo("none");
        assertThat(accountRows.subscriptionOf(account.id()).orElseThrow().planCode())
                .isEqualTo("ADVANCED");
    }

    @Test
    void aPauseVoidsTheInvoicesUntilItsEndAndAResumeClearsIt() {
        stripe.stubFor(post("/v1/subscriptions/" + subscription())
                .willReturn(StripeAnswers.subscription(subscription(), false, PERIOD_END)));
        Instant resumesAt = Instant.parse("2030-09-30T10:00:00Z");

        billing.pause(account.id(), resumesAt, IdempotencyKey.of(account.id(), "Task_ApplyRetentionOffer"));
        assertThat(accountRows.subscriptionOf(account.id()).orElseThrow().pausedUntil())
                .isEqualTo(resumesAt);
        billing.resume(account.id(), IdempotencyKey.of(account.id(), "Task_ResumeBilling"));

        List<LoggedRequest> sent =
                stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())));
        assertThat(sent.get(0)
                        .formParameters()
                        .get("pause_collection[behavior]")
                        .firstValue())
                .isEqualTo("void");
        assertThat(sent.get(0)
                        .formParameters()
                        .get("pause_collection[resumes_at]")
                        .firstValue())
                .isEqualTo(String.valueOf(resumesAt.getEpochSecond()));
        assertThat(sent.get(1).formParameters().get("pause_collection").firstValue())
                .as("an empty value unsets the pause")
                .isEmpty();
        assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo(account.id() + "/Task_ResumeBilling/1");
        assertThat(accountRows.subscriptionOf(account.id()).orElseThrow().isPaused())
                .isFalse();
    }

    /**
     * A lost connection is tried once more by the HTTP client itself, with the same key; the second loss ends the
     * try without an answer.
     */
    @Test
    void aTryWithoutAnAnswerKeepsItsKeyAndATryAnsweredWithAnErrorMovesToTheNext() {
        String path = "/v1/subscriptions/" + subscription();
        answerInTurn(
                path,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                StripeAnswers.error(500, null),
                StripeAnswers.subscription(subscription(), true, PERIOD_END));
        IdempotencyKey step = IdempotencyKey.of(account.id(), "Task_CancelSubscription");

        assertThatThrownBy(() -> billing.cancelAtPeriodEnd(account.id(), BillingFeedback.UNUSED, step))
                .isInstanceOf(BillingProviderException.class)
                .hasMessage("No answer from the billing provider to cancel at the period end for account "
                        + account.id() + ": ApiConnectionException");
        assertThatThrownBy(() -> billing.cancelAtPeriodEnd(account.id(), BillingFeedback.UNUSED, step))
                .isInstanceOf(BillingProviderException.class)
                .hasMessageEndingWith("(HTTP 500)");
        billing.cancelAtPeriodEnd(account.id(), BillingFeedback.UNUSED, step);

        assertThat(stripe.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                        .map(request -> request.getHeader("Idempotency-Key")))
                .containsExactly(step.value() + "/1", step.value() + "/1", step.value() + "/1", step.value() + "/2");
        assertThat(count("SELECT COUNT(*) FROM billing_step_attempt WHERE step_key = ?", step.value()))
                .as("forgotten once the write went through")
                .isZero();
    }

    @Test
    void refusalsAndFailuresNameTheAccountTheCodeAndTheStatusOnly() {
        for (int status : new int[] {402, 429, 500}) {
            String code = switch (status) {
                case 402 -> "card_declined";
                case 429 -> "rate_limit";
                default -> null;
            };
            stripe.resetAll();
            stripe.stubFor(post("/v1/subscriptions/" + subscription()).willReturn(StripeAnswers.error(status, code)));

            assertThatThrownBy(() -> billing.cancelAtPeriodEnd(
                            account.id(), BillingFeedback.OTHER, IdempotencyKey.of("i", "Task_CancelSubscription")))
                    .isInstanceOf(BillingProviderException.class)
                    .hasMessage("Billing provider refused to cancel at the period end for account " + account.id()
                            + ": " + (code == null ? "no error code" : code) + " (HTTP " + status + ")");
        }
        assertThat(stripe.countRequestsMatching(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription()))
                                .build())
                        .getCount())
                .as("no retries of its own: the process's job retries")
                .isOne();
    }

    private String subscription() {
        return "sub_" + account.id().replace("-", "");
    }

    /** Answers the requests to the path in the order given, one each (a WireMock scenario). */
    private void answerInTurn(String path, ResponseDefinitionBuilder... answers) {
        for (int turn = 0; turn < answers.length; turn++) {
            stripe.stubFor(post(path)
                    .inScenario("in turn")
                    .whenScenarioStateIs(turn == 0 ? STARTED : "answered " + turn)
                    .willReturn(answers[turn])
                    .willSetStateTo("answered " + (turn + 1)));
        }
    }
}
