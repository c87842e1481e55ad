package com.saascrm.erasure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize           at most this many CRM rows are deleted in one transaction (one job)
 * @param historySweepEnabled whether this node looks for process history to erase after purges
 * @param historySweepDelay   how long it waits between two looks
 * @param coolingOff          how long after a request to erase an account now it is erased: until then the request
 *                            can be withdrawn
 */
@ConfigurationProperties("cancellation.erasure")
public record ErasureSettings(
        @DefaultValue("10000") int batchSize,
        @DefaultValue("true") boolean historySweepEnabled,
        @DefaultValue("PT1M") Duration historySweepDelay,
        @DefaultValue("PT48H") Duration coolingOff) {}
