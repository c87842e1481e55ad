package com.saascrm.cancellation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param wizardIdleTimeout how long a wizard step may wait for the admin before the request is abandoned
 * @param mailRetryCycle    Camunda retry cycle of the mail steps: five tries, five minutes apart, then an incident
 * @param purgeRetryCycle   the same for the purge steps
 * @param billingRetryCycle the same for the steps that write to the billing provider: its outages and rate limits
 *                          pass within minutes, and each try may send a new idempotency key (billing.StripeBilling)
 */
@ConfigurationProperties("cancellation.process")
public record CancellationProcessSettings(
        @DefaultValue("P14D") Duration wizardIdleTimeout,
        @DefaultValue("R5/PT5M") String mailRetryCycle,
        @DefaultValue("R5/PT5M") String purgeRetryCycle,
        @DefaultValue("R6/PT10M") String billingRetryCycle) {}
