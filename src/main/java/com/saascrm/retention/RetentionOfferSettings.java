package com.saascrm.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param controlGroupShare the share (0 to 1) of requests the decision makes an offer to that see none: the control
 *                          group of the experiment
 * @param pauseNoticeLead   how long before a pause ends the admins get a mail that billing resumes
 */
@ConfigurationProperties("cancellation.retention-offers")
public record RetentionOfferSettings(
        @DefaultValue("0.1") double controlGroupShare,
        @DefaultValue("P7D") Duration pauseNoticeLead) {

    public RetentionOfferSettings {
        if (!(controlGroupShare >= 0 && controlGroupShare <= 1)) {
            throw new IllegalArgumentException(
                    "cancellation.retention-offers.control-group-share is a share from 0 to 1, not "
                            + controlGroupShare);
        }
        if (pauseNoticeLead.isNegative()) {
            throw new IllegalArgumentException("cancellation.retention-offers.pause-notice-lead cannot be negative");
        }
    }
}
