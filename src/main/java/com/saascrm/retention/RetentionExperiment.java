package com.saascrm.retention;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * Puts each request that would get an offer into a group by chance, with the configured share in the control
 * group. By chance, not by account or time, so that the groups differ in nothing but the offer.
 */
@Component
public class RetentionExperiment {

    private final RetentionOfferSettings settings;

    RetentionExperiment(RetentionOfferSettings settings) {
        this.settings = settings;
    }

    public RetentionGroup groupFor(RetentionOffer offer) {
        if (!offer.isOffer()) {
            throw new IllegalArgumentException("Only a request with an offer takes part in the experiment");
        }
        return ThreadLocalRandom.current().nextDouble() < settings.controlGroupShare()
                ? RetentionGroup.CONTROL
                : RetentionGroup.OFFERED;
    }
}
