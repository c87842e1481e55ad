package com.saascrm.billing;

import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountStateException;
import com.saascrm.account.Accounts;
import com.saascrm.account.BillingIds;
import com.saascrm.account.Subscription;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.SubscriptionUpdateParams.CancellationDetails;

/**
 * Stripe Billing as the billing provider ({@code cancellation.billing.provider: stripe}): a cancellation sets
 * {@code cancel_at_period_end} on the account's subscription (with the reason as {@code cancellation_details.feedback};
 * the customer's own words stay here), a withdrawal sets it back, and a reopened account gets a new subscription,
 * since Stripe cannot revive one that has ended. Every write carries the step's idempotency key; Stripe's answer for a
 * key is kept by Stripe, so a step that runs again gets the first answer instead of a second write.
 */
@Service
@ConditionalOnProperty(name = "cancellation.billing.provider", havingValue = "stripe")
class StripeBilling implements BillingProvider {

    private final StripeClient stripe;
    private final StripeSettings settings;
    private final Accounts accounts;

    StripeBilling(StripeSettings settings, Accounts accounts) {
        this.stripe = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                .build();
        this.settings = settings;
        this.accounts = accounts;
    }

    @Override
    public Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key) {
        SubscriptionUpdateParams cancel = SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(true)
                .setCancellationDetails(CancellationDetails.builder()
                        .setFeedback(CancellationDetails.Feedback.valueOf(feedback.name()))
                        .build())
                .build();
        return periodEndOf(call(
                accountId,
                "cancel at the period end",
                () -> stripe.v1().subscriptions().update(subscriptionOf(accountId), cancel, options(key))));
    }

    @Override
    public void withdrawCancellation(String accountId, IdempotencyKey key) {
        SubscriptionUpdateParams keep =
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build();
        call(
                accountId,
                "withdraw the cancellation",
                () -> stripe.v1().subscriptions().update(subscriptionOf(accountId), keep, options(key)));
    }

    @Override
    public Instant startNewSubscription(String accountId, IdempotencyKey key) {
        Subscription current = accounts.subscriptionOf(accountId)
                .orElseThrow(() -> new AccountStateException("Account '" + accountId + "' has no subscription"));
        SubscriptionCreateParams create = SubscriptionCreateParams.builder()
                .setCustomer(idsOf(accountId).customerId())
                .addItem(SubscriptionCreateParams.Item.builder()
                        .setPrice(settings.priceOf(current.planCode()))
                        .build())
                .putMetadata("account_id", accountId)
                .build();
        com.stripe.model.Subscription created = call(
                accountId,
                "start a new subscription",
                () -> stripe.v1().subscriptions().create(create, options(key)));
        Instant periodEnd = periodEndOf(created);
        accounts.setBillingSubscription(accountId, created.getId());
        accounts.restartSubscription(accountId, periodEnd);
        return periodEnd;
    }

    @Override
    public SubscriptionState stateOf(String accountId) {
        com.stripe.model.Subscription subscription = call(
                accountId,
                "read the subscription",
                () -> stripe.v1().subscriptions().retrieve(subscriptionOf(accountId)));
        return new SubscriptionState(
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                periodEndOf(subscription),
                subscription.getEndedAt() == null ? null : Instant.ofEpochSecond(subscription.getEndedAt()));
    }

    private String subscriptionOf(String accountId) {
        String subscription = idsOf(accountId).subscriptionId();
        if (subscription == null) {
            throw new AccountStateException("Account '" + accountId + "' has no subscription at the billing provider");
        }
        return subscription;
    }

    private BillingIds idsOf(String accountId) {
        return accounts.billingIdsOf(accountId)
                .orElseThrow(() -> new AccountStateException("Account '" + accountId + "' has no subscription"));
    }

    private static RequestOptions options(IdempotencyKey key) {
        return RequestOptions.builder().setIdempotencyKey(key.value()).build();
    }

    /** The end of the current period: on the subscription's items since Stripe's API of 2025-03-31. */
    private static Instant periodEndOf(com.stripe.model.Subscription subscription) {
        return subscription.getItems().getData().stream()
                .map(SubscriptionItem::getCurrentPeriodEnd)
                .filter(end -> end != null)
                .map(Instant::ofEpochSecond)
                .max(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException(
                        "Stripe answered subscription " + subscription.getId() + " without a period end"));
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static <T> T call(String accountId, String operation, StripeCall<T> request) {
        try {
            return request.call();
        } catch (StripeException e) {
            throw new BillingProviderException(
                    accountId, operation, e.getCode() != null ? e.getCode() : "no error code", e.getStatusCode());
        }
    }
}
