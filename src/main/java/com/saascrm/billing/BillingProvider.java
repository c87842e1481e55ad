package com.saascrm.billing;

import java.time.Instant;

/**
 * The system that charges the customer, as the cancellation needs it. It owns the billing cycle: the end of the
 * current period it answers is what the lockout waits for. Each write names its step with an idempotency key, the
 * same whenever the step runs again, so that the provider does it once. The steps are asynchronous jobs: a write that
 * fails throws, and the job is tried again, then becomes an incident.
 */
public interface BillingProvider {

    /** Cancels the subscription at the end of its current period; answers that end. */
    Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key);

    /** Takes a cancellation back before the period ends: the subscription goes on as if never cancelled. */
    void withdrawCancellation(String accountId, IdempotencyKey key);

    /** A new subscription for a reopened account, from now; answers the end of its first period. */
    Instant startNewSubscription(String accountId, IdempotencyKey key);

    /** A retention discount: {@code percent} off the subscription's invoices of the next {@code months} months. */
    void grantDiscount(String accountId, int percent, int months, IdempotencyKey key);

    /** Moves the subscription to another (cheaper) plan, without a charge or credit for the current period. */
    void changePlan(String accountId, String planCode, IdempotencyKey key);

    /** Stops charging until {@code resumesAt}; the subscription goes on, so nothing of the account changes. */
    void pause(String accountId, Instant resumesAt, IdempotencyKey key);

    /** Charges again from now: the end of a pause, at its date or earlier. */
    void resume(String accountId, IdempotencyKey key);

    /** What the provider holds about the account's subscription now: for the daily comparison with ours. */
    SubscriptionState stateOf(String accountId);
}
