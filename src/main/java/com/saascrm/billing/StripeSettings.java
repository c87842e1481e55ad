package com.saascrm.billing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe, the billing provider of {@code cancellation.billing.provider: stripe}.
 *
 * @param apiKey  the secret key of the Stripe account ({@code sk_live_...}), from the environment
 * @param apiBase where Stripe's API answers (changed only for tests)
 * @param prices  the Stripe price of each plan code, for the new subscription of a reopened account
 * @param webhookSecret the signing secret of the webhook endpoint ({@code whsec_...})
 * @param webhookTolerance how old a webhook's signed timestamp may be; an older one is refused as a replay
 */
@ConfigurationProperties("cancellation.billing.stripe")
public record StripeSettings(
        String apiKey,
        @DefaultValue("https://api.stripe.com") String apiBase,
        Map<String, String> prices,
        String webhookSecret,
        @DefaultValue("PT5M") Duration webhookTolerance) {

    public String priceOf(String planCode) {
        String price = prices == null ? null : prices.get(planCode);
        if (price == null) {
            throw new IllegalStateException(
                    "No Stripe price for plan " + planCode + ": set cancellation.billing.stripe.prices." + planCode);
        }
        return price;
    }
}
