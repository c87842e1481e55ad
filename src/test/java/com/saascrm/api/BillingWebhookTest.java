package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.saascrm.account.CancellationPolicy;
import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Stripe's webhook: only signed, fresh calls act, each event once, and each of the three events does what it says. */
class BillingWebhookTest extends ProcessTestBase {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant PERIOD_END = Instant.parse("2030-06-30T21:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private Clock clock;

    @Autowired
    private CancellationPolicy policy;

    private TestAccount account;
    private ProcessInstance cancellation;

    @BeforeEach
    void aCancellationBeforeTheLockoutWithASubscriptionAtStripe() {
        account = accounts.paidAccount("en", PERIOD_END);
        jdbc.sql(
                        "UPDATE subscription SET billing_customer_id = 'cus_1', billing_subscription_id = ? WHERE account_id = ?")
                .params(subscription(), account.id())
                .update();
        cancellation = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, cancellation.getId());
        runBillingStep(cancellation);
        executeJob(cancellation);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
    }

    @Test
    void callsThatAreNotStripesOrNotFreshAreRefusedAndChangeNothing() {
        String event = subscriptionEvent(
                "evt_refused_" + account.id(), "customer.subscription.updated", false, PERIOD_END, null);
        long now = clock.instant().getEpochSecond();

        assertThat(send(event, null).getStatusCode().value()).as("no signature").isEqualTo(400);
        assertThat(send(event, signature(event, now, "whsec_other"))
                        .getStatusCode()
                        .value())
                .as("another secret")
                .isEqualTo(400);
        assertThat(send(
                                event.replace("\"cancel_at_period_end\": false", "\"cancel_at_period_end\": true "),
                                signature(event, now, SECRET))
                        .getStatusCode()
                        .value())
                .as("an altered body")
                .isEqualTo(400);
        ResponseEntity<String> replay = send(event, signature(event, now - 3_600, SECRET));
        assertThat(replay.getStatusCode().value()).as("an old event sent again").isEqualTo(400);
        assertThat(replay.getBody()).contains("too old").doesNotContain(subscription());

        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(count("SELECT COUNT(*) FROM billing_event WHERE event_id = ?", "evt_refused_" + account.id()))
                .isZero();
    }

    @Test
    void aCancellationTakenBackAtStripeWithdrawsOnceHowOftenItArrives() throws Exception {
        String event =
                subscriptionEvent("evt_kept_" + account.id(), "customer.subscription.updated", false, PERIOD_END, null);

        ResponseEntity<String> first = sendSigned(event);
        ResponseEntity<String> again = sendSigned(event);

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).contains("\"handledNow\":true");
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody()).contains("\"handledNow\":false");
        assertThat(runtimeService.getActiveActivityIds(cancellation.getId()))
                .containsExactly(Elements.TASK_WITHDRAW_CANCELLATION);
        executeJobsUntilNoneLeft(cancellation);
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        long withdrawalMails = 0;
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mail.getSubject().equals("Your subscription for " + account.companyName() + " continues")) {
                withdrawalMails++;
            }
        }
        assertThat(withdrawalMails).as("one withdrawal, one mail to each admin").isEqualTo(2);
    }

    @Test
    void aPeriodEndMovedAtStripeMovesTheLockoutToTheSecond() {
        Instant later = PERIOD_END.plus(31, ChronoUnit.DAYS);

        assertThat(sendSigned(subscriptionEvent(
                                "evt_moved_" + account.id(), "customer.subscription.updated", true, later, null))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        assertThat(lockoutDue()).isEqualTo(policy.scheduleFor(later).accessEndsAt());
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
    }

    @Test
    void aSubscriptionEndedEarlyAtStripeBringsTheLockoutForward() {
        Instant ended = clock.instant().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        assertThat(sendSigned(subscriptionEvent(
                                "evt_ended_" + account.id(), "customer.subscription.deleted", false, PERIOD_END, ended))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);

        assertThat(lockoutDue()).isEqualTo(policy.scheduleFor(ended).accessEndsAt());
        assertThat(lockoutDue()).isBefore(policy.scheduleFor(PERIOD_END).accessEndsAt());
    }

    @Test
    void anEventWithAWholeSubscriptionIsReadAndAnOversizedBodyRefusedUnread() {
        String large = subscriptionEvent(
                        "evt_large_" + account.id(), "customer.subscription.updated", true, PERIOD_END, null)
                .replace(
                        "\"customer\": \"cus_1\",",
                        "\"customer\": \"cus_1\", \"metadata\": {\"note\": \"" + "x".repeat(40_000) + "\"},");
        String oversized = large.replace("x".repeat(40_000), "x".repeat(300_000));

        assertThat(sendSigned(large).getStatusCode().value()).isEqualTo(200);
        assertThat(sendSigned(oversized).getStatusCode().value()).isEqualTo(413);
    }

    @Test
    void anEventAboutNoAccountHereIsAcknowledged() {
        String event = subscriptionEvent(
                        "evt_stranger_" + account.id(), "customer.subscription.updated", false, PERIOD_END, null)
                .replace(subscription(), "sub_somebody_else");

        ResponseEntity<String> answer = sendSigned(event);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
    }

    private Instant lockoutDue() {
        return managementService
                .createJobQuery()
                .processInstanceId(cancellation.getId())
                .activityId(Elements.TIMER_ACCESS_ENDS)
                .singleResult()
                .getDuedate()
                .toInstant();
    }

    private String subscription() {
        return "sub_" + account.id().replace("-", "");
    }

    private String subscriptionEvent(
            String id, String type, boolean cancelAtPeriodEnd, Instant periodEnd, Instant endedAt) {
        return """
                {"id": "%s", "object": "event", "api_version": "2025-11-17.clover", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "subscription", "customer": "cus_1",
                   "status": "%s", "cancel_at_period_end": %s, "ended_at": %s,
                   "items": {"object": "list", "has_more": false, "url": "/v1/subscription_items",
                     "data": [{"id": "si_1", "object": "subscription_item", "quantity": 1,
                               "current_period_start": %d, "current_period_end": %d}]}}}}
                """.formatted(
                        id,
                        clock.instant().getEpochSecond(),
                        type,
                        subscription(),
                        endedAt == null ? "active" : "canceled",
                        cancelAtPeriodEnd,
                        endedAt == null ? "null" : String.valueOf(endedAt.getEpochSecond()),
                        periodEnd.minus(30, ChronoUnit.DAYS).getEpochSecond(),
                        periodEnd.getEpochSecond());
    }

    private ResponseEntity<String> sendSigned(String event) {
        return send(event, signature(event, clock.instant().getEpochSecond(), SECRET));
    }

    private ResponseEntity<String> send(String event, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set("Stripe-Signature", signature);
        }
        return rest.postForEntity("/api/billing/stripe/webhook", new HttpEntity<>(event, headers), String.class);
    }

    /** Stripe's scheme: HMAC-SHA256 of "timestamp.body" with the endpoint's secret. */
    private static String signature(String body, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
