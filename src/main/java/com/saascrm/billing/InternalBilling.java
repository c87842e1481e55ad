package com.saascrm.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.account.AccountStateException;
import com.saascrm.account.Accounts;
import com.saascrm.account.Plan;
import com.saascrm.account.Subscription;

/**
 * The default billing provider: this application's own {@code subscription} rows, in the step's transaction, so
 * that a step run again finds its own write (the key is not needed). {@code cancellation.billing.provider: internal}.
 */
@Service
@Transactional
@ConditionalOnProperty(name = "cancellation.billing.provider", havingValue = "internal", matchIfMissing = true)
class InternalBilling implements BillingProvider {

    private final Accounts accounts;
    private final Clock clock;

    InternalBilling(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key) {
        accounts.markSubscriptionCancelled(accountId, clock.instant());
        return subscriptionOf(accountId).currentPeriodEnd();
    }

    @Override
    public void withdrawCancellation(String accountId, IdempotencyKey key) {
        accounts.clearSubscriptionCancelled(accountId);
    }

    @Override
    public Instant startNewSubscription(String accountId, IdempotencyKey key) {
        Plan plan = accounts.plan(subscriptionOf(accountId).planCode());
        Instant periodEnd = clock.instant()
                .atOffset(ZoneOffset.UTC)
                .plus(plan.billingPeriod().length())
                .toInstant();
        accounts.restartSubscription(accountId, periodEnd);
        return periodEnd;
    }

    @Override
    public void grantDiscount(String accountId, int percent, int months, IdempotencyKey key) {
        Instant endsAt =
                clock.instant().atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
        accounts.discountSubscription(accountId, percent, endsAt);
    }

    @Override
    public void changePlan(String accountId, String planCode, IdempotencyKey key) {
        accounts.plan(planCode);
        accounts.changeSubscriptionPlan(accountId, planCode);
    }

    @Override
    public void pause(String accountId, Instant resumesAt, IdempotencyKey key) {
        accounts.pauseSubscription(accountId, resumesAt);
    }

    @Override
    public void resume(String accountId, IdempotencyKey key) {
        accounts.pauseSubscription(accountId, null);
    }

    @Override
    public SubscriptionState stateOf(String accountId) {
        Subscription subscription = subscriptionOf(accountId);
        return new SubscriptionState(subscription.cancelledAt() != null, subscription.currentPeriodEnd(), null);
    }

    private Subscription subscriptionOf(String accountId) {
        return accounts.subscriptionOf(accountId)
                .orElseThrow(() -> new AccountStateException("Account '" + accountId + "' has no subscription"));
    }
}
