package com.saascrm.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;

/** What the application reads from Stripe's subscription object, in an API's answers and in its webhooks alike. */
final class StripeSubscriptions {

    private StripeSubscriptions() {}

    /** The end of the current period: on the subscription's items since Stripe's API of 2025-03-31. */
    static Optional<Instant> periodEndOf(Subscription subscription) {
        if (subscription.getItems() == null) {
            return Optional.empty();
        }
        return subscription.getItems().getData().stream()
                .map(SubscriptionItem::getCurrentPeriodEnd)
                .filter(Objects::nonNull)
                .max(Long::compare)
                .map(Instant::ofEpochSecond);
    }

    /** When the subscription ended; absent while it runs. */
    static Instant endedAtOf(Subscription subscription) {
        return subscription.getEndedAt() == null ? null : Instant.ofEpochSecond(subscription.getEndedAt());
    }
}
