package com.saascrm.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Answers in the shape of Stripe's documented objects (subscription, list, error), for a local stand-in of its API. */
public final class StripeAnswers {

    private StripeAnswers() {}

    /** An error object as Stripe answers it; the message speaks of the customer, as Stripe's may. */
    public static ResponseDefinitionBuilder error(int status, String code) {
        return json(status)
                .withBody(
                        code == null
                                ? "{\"error\": {\"type\": \"api_error\", \"message\": \"Something went wrong on Stripe's end.\"}}"
                                : "{\"error\": {\"type\": \"card_error\", \"code\": \"" + code
                                        + "\", \"message\": \"The card of Jane Doe was declined.\"}}");
    }

    public static ResponseDefinitionBuilder subscription(String id, boolean cancelAtPeriodEnd, Instant periodEnd) {
        return json(200).withBody(subscriptionJson(id, cancelAtPeriodEnd, periodEnd, Map.of()));
    }

    /** A coupon for a share off for some months, as Stripe answers its creation. */
    public static ResponseDefinitionBuilder coupon(String id) {
        return json(200).withBody("""
                {"id": "%s", "object": "coupon", "duration": "repeating", "duration_in_months": 3,
                 "percent_off": 25.0, "max_redemptions": 1, "times_redeemed": 0, "valid": true}
                """.formatted(id));
    }

    /** A page of subscriptions, given as {@link #subscriptionJson} objects joined by commas. */
    public static ResponseDefinitionBuilder subscriptionList(String subscriptions) {
        return json(200).withBody("""
                {"object": "list", "url": "/v1/subscriptions", "has_more": false, "data": [%s]}
                """.formatted(subscriptions));
    }

    /** A subscription with one item; its period end is on the item, as in Stripe's API since 2025-03-31. */
    public static String subscriptionJson(
            String id, boolean cancelAtPeriodEnd, Instant periodEnd, Map<String, String> metadata) {
        String metadataJson = metadata.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\": \"" + entry.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        long end = periodEnd.getEpochSecond();
        return """
                {"id": "%s", "object": "subscription", "customer": "cus_1", "status": "active",
                 "cancel_at_period_end": %s, "metadata": %s,
                 "items": {"object": "list", "has_more": false, "url": "/v1/subscription_items?subscription=%s",
                   "data": [{"id": "si_1", "object": "subscription_item", "quantity": 1,
                             "current_period_start": %d, "current_period_end": %d}]}}
                """.formatted(id, cancelAtPeriodEnd, metadataJson, id, end - 2_592_000L, end);
    }

    private static ResponseDefinitionBuilder json(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json");
    }
}
