package com.saascrm.billing;

import java.time.Instant;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every call to the billing provider, by operation and result ({@code cancellation.billing.calls}): how often
 * the provider fails and how slow it is, beside the incidents its failures become.
 */
final class MeteredBillingProvider implements BillingProvider {

    static final String CALLS_METRIC = "cancellation.billing.calls";

    private final BillingProvider provider;
    private final String providerName;
    private final MeterRegistry meters;

    MeteredBillingProvider(BillingProvider provider, String providerName, MeterRegistry meters) {
        this.provider = provider;
        this.providerName = providerName;
        this.meters = meters;
        // Every series from the start, so that a rate over it is defined before the first call.
        for (String operation : new String[] {
            "cancel", "withdraw", "new_subscription", "discount", "change_plan", "pause", "resume", "read_state"
        }) {
            timer(operation, "success");
            timer(operation, "failure");
        }
    }

    @Override
    public Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key) {
        return timed("cancel", () -> provider.cancelAtPeriodEnd(accountId, feedback, key));
    }

    @Override
    public void withdrawCancellation(String accountId, IdempotencyKey key) {
        run("withdraw", () -> provider.withdrawCancellation(accountId, key));
    }

    @Override
    public Instant startNewSubscription(String accountId, IdempotencyKey key) {
        return timed("new_subscription", () -> provider.startNewSubscription(accountId, key));
    }

    @Override
    public void grantDiscount(String accountId, int percent, int months, IdempotencyKey key) {
        run("discount", () -> provider.grantDiscount(accountId, percent, months, key));
    }

    @Override
    public void changePlan(String accountId, String planCode, IdempotencyKey key) {
        run("change_plan", () -> provider.changePlan(accountId, planCode, key));
    }

    @Override
    public void pause(String accountId, Instant resumesAt, IdempotencyKey key) {
        run("pause", () -> provider.pause(accountId, resumesAt, key));
    }

    @Override
    public void resume(String accountId, IdempotencyKey key) {
        run("resume", () -> provider.resume(accountId, key));
    }

    @Override
    public SubscriptionState stateOf(String accountId) {
        return timed("read_state", () -> provider.stateOf(accountId));
    }

    private void run(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(meters);
        String result = "failure";
        try {
            T answer = call.get();
            result = "success";
            return answer;
        } finally {
            sample.stop(timer(operation, result));
        }
    }

    private Timer timer(String operation, String result) {
        return Timer.builder(CALLS_METRIC)
                .description("Calls to the billing provider")
                .tags("provider", providerName, "operation", operation, "result", result)
                .register(meters);
    }
}
