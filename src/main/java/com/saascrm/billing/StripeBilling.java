package com.saascrm.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountStateException;
import com.saascrm.account.Accounts;
import com.saascrm.account.BillingIds;
import com.saascrm.account.Subscription;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.net.RequestOptions;
import com.stripe.param.CouponCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.SubscriptionUpdateParams.CancellationDetails;
import com.stripe.param.common.EmptyParam;

/**
 * Stripe Billing as the billing provider ({@code cancellation.billing.provider: stripe}): a cancellation sets
 * {@code cancel_at_period_end} on the account's subscription (with the reason as {@code cancellation_details.feedback};
 * the customer's own words stay here), a withdrawal sets it back, and a reopened account gets a new subscription,
 * since Stripe cannot revive one that has ended. Every write carries an idempotency key of the step and its attempt
 * ({@link StepAttempts}): a step that runs again after a try without an answer sends the same key and gets Stripe's
 * first answer instead of a second write; after an error answer it sends the next attempt's key, since Stripe would
 * repeat the error to the old one. An accepted retention offer is a coupon, a price change or
 * {@code pause_collection} on the same subscription.
 */
@Service
@ConditionalOnProperty(name = "cancellation.billing.provider", havingValue = "stripe")
class StripeBilling implements BillingProvider {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final String ACCOUNT_ID = "account_id";
    private static final String STEP = "cancellation_step";

    private final StripeClient stripe;
    private final StripeSettings settings;
    private final Accounts accounts;
    private final StepAttempts attempts;

    StripeBilling(StripeSettings settings, Accounts accounts, StepAttempts attempts) {
        this.stripe = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                // A step waits for Stripe inside its job, holding the account's turn: not for the client's default
                // 80 seconds. A try cut short has no answer and is retried with its key.
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setReadTimeout(READ_TIMEOUT_MILLIS)
                .build();
        this.settings = settings;
        this.accounts = accounts;
        this.attempts = attempts;
    }

    @Override
    public Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key) {
        SubscriptionUpdateParams cancel = SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(true)
                .setCancellationDetails(CancellationDetails.builder()
                        .setFeedback(CancellationDetails.Feedback.valueOf(feedback.name()))
                        .build())
                .build();
        return periodEndOf(update(accountId, "cancel at the period end", key, cancel));
    }

    @Override
    public void withdrawCancellation(String accountId, IdempotencyKey key) {
        SubscriptionUpdateParams keep =
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build();
        update(accountId, "withdraw the cancellation", key, keep);
    }

    @Override
    public Instant startNewSubscription(String accountId, IdempotencyKey key) {
        Subscription current = accounts.subscriptionOf(accountId)
                .orElseThrow(() -> new AccountStateException("Account '" + accountId + "' has no subscription"));
        String customer = idsOf(accountId).customerId();
        SubscriptionCreateParams create = SubscriptionCreateParams.builder()
                .setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder()
                        .setPrice(settings.priceOf(current.planCode()))
                        .build())
                .putMetadata(ACCOUNT_ID, accountId)
                .putMetadata(STEP, key.value())
                .build();
        com.stripe.model.Subscription created = createdBy(accountId, customer, key)
                .orElseGet(() -> write(
                        accountId,
                        "start a new subscription",
                        key,
                        options -> stripe.v1().subscriptions().create(create, options)));
        Instant periodEnd = periodEndOf(created);
        accounts.setBillingSubscription(accountId, created.getId());
        accounts.restartSubscription(accountId, periodEnd);
        return periodEnd;
    }

    /**
     * A coupon of the step's own (used once, named after its terms), then the subscription's discount. Each write
     * has its key: a step that runs again after the coupon was made gets the same coupon back.
     */
    @Override
    public void grantDiscount(String accountId, int percent, int months, IdempotencyKey key) {
        CouponCreateParams terms = CouponCreateParams.builder()
                .setPercentOff(BigDecimal.valueOf(percent))
                .setDuration(CouponCreateParams.Duration.REPEATING)
                .setDurationInMonths((long) months)
                .setMaxRedemptions(1L)
                .setName("Retention: " + percent + "% off for " + months + " months")
                .putMetadata(ACCOUNT_ID, accountId)
                .build();
        Coupon coupon = write(
                accountId,
                "create the retention coupon",
                new IdempotencyKey(key.value() + "/coupon"),
                options -> stripe.v1().coupons().create(terms, options));
        SubscriptionUpdateParams discount = SubscriptionUpdateParams.builder()
                .addDiscount(SubscriptionUpdateParams.Discount.builder()
                        .setCoupon(coupon.getId())
                        .build())
                .build();
        update(accountId, "discount the subscription", key, discount);
    }

    /** The price of the subscription's item changes; the current period is neither charged again nor credited. */
    @Override
    public void changePlan(String accountId, String planCode, IdempotencyKey key) {
        String item = retrieve(accountId).getItems().getData().get(0).getId();
        SubscriptionUpdateParams change = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder()
                        .setId(item)
                        .setPrice(settings.priceOf(planCode))
                        .build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
                .build();
        update(accountId, "change the plan", key, change);
        accounts.changeSubscriptionPlan(accountId, planCode);
    }

    /** {@code pause_collection}: invoices of the pause are voided, and Stripe resumes at the date by itself. */
    @Override
    public void pause(String accountId, Instant resumesAt, IdempotencyKey key) {
        SubscriptionUpdateParams pause = SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID)
                        .setResumesAt(resumesAt.getEpochSecond())
                        .build())
                .build();
        update(accountId, "pause the collection", key, pause);
        accounts.pauseSubscription(accountId, resumesAt);
    }

    @Override
    public void resume(String accountId, IdempotencyKey key) {
        SubscriptionUpdateParams resume = SubscriptionUpdateParams.builder()
                .setPauseCollection(EmptyParam.EMPTY)
                .build();
        update(accountId, "resume the collection", key, resume);
        accounts.pauseSubscription(accountId, null);
    }

    @Override
    public SubscriptionState stateOf(String accountId) {
        com.stripe.model.Subscription subscription = retrieve(accountId);
        return new SubscriptionState(
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
                periodEndOf(subscription),
                StripeSubscriptions.endedAtOf(subscription));
    }

    /**
     * The subscription this step has already created, if an earlier try did: one answered with a server error may
     * have, and a later attempt sends a new key, as may a retry after Stripe forgot a key (a day).
     */
    private Optional<com.stripe.model.Subscription> createdBy(String accountId, String customer, IdempotencyKey step) {
        SubscriptionListParams ofTheCustomer =
                SubscriptionListParams.builder().setCustomer(customer).build();
        return call(
                        accountId,
                        "list the subscriptions",
                        () -> stripe.v1().subscriptions().list(ofTheCustomer))
                .getData()
                .stream()
                .filter(subscription -> subscription.getMetadata() != null
                        && step.value().equals(subscription.getMetadata().get(STEP)))
                .findFirst();
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

    private static Instant periodEndOf(com.stripe.model.Subscription subscription) {
        return StripeSubscriptions.periodEndOf(subscription)
                .orElseThrow(() -> new IllegalStateException(
                        "Stripe answered subscription " + subscription.getId() + " without a period end"));
    }

    private com.stripe.model.Subscription retrieve(String accountId) {
        String subscription = subscriptionOf(accountId);
        return call(
                accountId,
                "read the subscription",
                () -> stripe.v1().subscriptions().retrieve(subscription));
    }

    /** A write to the account's subscription. */
    private com.stripe.model.Subscription update(
            String accountId, String operation, IdempotencyKey key, SubscriptionUpdateParams change) {
        String subscription = subscriptionOf(accountId);
        return write(
                accountId,
                operation,
                key,
                options -> stripe.v1().subscriptions().update(subscription, change, options));
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private interface StripeWrite<T> {
        T send(RequestOptions options) throws StripeException;
    }

    private <T> T write(String accountId, String operation, IdempotencyKey step, StripeWrite<T> request) {
        IdempotencyKey key = attempts.keyOf(step);
        T answer = call(accountId, operation, () -> {
            try {
                return request.send(
                        RequestOptions.builder().setIdempotencyKey(key.value()).build());
            } catch (StripeException e) {
                if (wasAnswered(e)) {
                    attempts.answered(step);
                }
                throw e;
            }
        });
        attempts.done(step);
        return answer;
    }

    /** Stripe answered with an error status; a failure to connect or to read the answer has none. */
    private static boolean wasAnswered(StripeException e) {
        return e.getStatusCode() != null && e.getStatusCode() > 0;
    }

    private static <T> T call(String accountId, String operation, StripeCall<T> request) {
        try {
            return request.call();
        } catch (StripeException e) {
            throw wasAnswered(e)
                    ? BillingProviderException.refused(accountId, operation, e.getCode(), e.getStatusCode())
                    : BillingProviderException.unanswered(
                            accountId, operation, e.getClass().getSimpleName());
        }
    }
}
