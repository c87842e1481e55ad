package com.saascrm.billing;

import java.time.Instant;

/**
 * What the billing provider says happened to a subscription: its id and type, the subscription, whether it is set to
 * end with its period, the end of its current period, and when it ended (if it has).
 */
public record BillingEvent(
        String id,
        String type,
        String subscriptionId,
        Boolean cancelAtPeriodEnd,
        Instant currentPeriodEnd,
        Instant endedAt) {

    public static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    public static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";
}
