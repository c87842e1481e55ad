package com.saascrm.cancellation;

import org.springframework.stereotype.Component;

/** Configured durations for the model's expressions, as ISO-8601 text: {@code ${cancellationTimers.wizardIdle()}}. */
@Component("cancellationTimers")
public class CancellationTimers {

    private final CancellationProcessSettings settings;

    CancellationTimers(CancellationProcessSettings settings) {
        this.settings = settings;
    }

    public String wizardIdle() {
        return settings.wizardIdleTimeout().toString();
    }

    public String mailRetryCycle() {
        return settings.mailRetryCycle();
    }

    public String purgeRetryCycle() {
        return settings.purgeRetryCycle();
    }

    public String billingRetryCycle() {
        return settings.billingRetryCycle();
    }
}
