package com.saascrm.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.saascrm.account.Accounts;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The stripe adapter against a local server that answers like Stripe's API (bodies in the shape of Stripe's
 * subscription and error objects): what it sends (path, form parameters, the idempotency key, the feedback code)
 * and what it makes of the answers.
 */
class StripeBillingTest extends ProcessTestBase {

    private static final long PERIOD_END = 1_780_000_000L;

    @Autowired
    private Accounts accountRows;

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
                        Map.of("PROFESSIONAL", "price_pro"),
                        null,
                        Duration.ofMinutes(5)),
                accountRows);
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
        stripe.stubFor(
                post("/v1/subscriptions/" + subscription()).willReturn(subscriptionAnswer(subscription(), true)));
        IdempotencyKey key = IdempotencyKey.of("instance-1", "Task_CancelSubscription");

        Instant periodEnd = billing.cancelAtPeriodEnd(account.id(), BillingFeedback.TOO_EXPENSIVE, key);
        billing.cancelAtPeriodEnd(account.id(), BillingFeedback.TOO_EXPENSIVE, key);

        assertThat(periodEnd).isEqualTo(Instant.ofEpochSecond(PERIOD_END));
        List<LoggedRequest> sent =
                stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())));
        assertThat(sent).hasSize(2);
        for (LoggedRequest request : sent) {
            assertThat(request.getHeader("Idempotency-Key")).isEqualTo("instance-1/Task_CancelSubscription");
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
        stripe.stubFor(
                post("/v1/subscriptions/" + subscription()).willReturn(subscriptionAnswer(subscription(), false)));

        billing.withdrawCancellation(account.id(), IdempotencyKey.of("instance-1", "Task_WithdrawCancellation"));

        LoggedRequest sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + subscription())))
                .get(0);
        assertThat(sent.formParameters().get("cancel_at_period_end").firstValue())
                .isEqualTo("false");
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("instance-1/Task_WithdrawCancellation");
    }

    @Test
    void aReopenedAccountGetsANewSubscriptionOfItsPlansPrice() {
        stripe.stubFor(post("/v1/subscriptions").willReturn(subscriptionAnswer("sub_new", false)));

        Instant periodEnd =
                billing.startNewSubscription(account.id(), IdempotencyKey.of("instance-1", "Task_ReopenAccount"));

        LoggedRequest sent = stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/subscriptions")))
                .get(0);
        assertThat(sent.formParameters().get("customer").firstValue()).isEqualTo("cus_1");
        assertThat(sent.formParameters().get("items[0][price]").firstValue()).isEqualTo("price_pro");
        assertThat(sent.formParameters().get("metadata[account_id]").firstValue())
                .isEqualTo(account.id());
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("instance-1/Task_ReopenAccount");
        assertThat(periodEnd).isEqualTo(Instant.ofEpochSecond(PERIOD_END));
        assertThat(accountRows.billingIdsOf(account.id()).orElseThrow().subscriptionId())
                .isEqualTo("sub_new");
        assertThat(accountRows.subscriptionOf(account.id()).orElseThrow().currentPeriodEnd())
                .isEqualTo(periodEnd);
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
            stripe.stubFor(post("/v1/subscriptions/" + subscription())
                    .willReturn(aResponse()
                            .withStatus(status)
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                    code == null
                                            ? "{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong on Stripe's end.\"}}"
                                            : "{\"error\": {\"type\": \"card_error\", \"code\": \"" + code
                                                    + "\", \"message\": \"The card of Jane Doe was declined.\"}}")));

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

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder subscriptionAnswer(
            String id, boolean cancelAtPeriodEnd) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "%s", "object": "subscription", "customer": "cus_1", "status": "active",
                         "cancel_at_period_end": %s,
                         "items": {"object": "list", "has_more": false, "url": "/v1/subscription_items?subscription=%s",
                           "data": [{"id": "si_1", "object": "subscription_item", "quantity": 1,
                                     "current_period_start": %d, "current_period_end": %d}]}}
                        """.formatted(id, cancelAtPeriodEnd, id, PERIOD_END - 2_592_000L, PERIOD_END));
    }
}
