package com.saascrm.security.throttle;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.saascrm.security.throttle.LoginThrottleSettings.FailureLimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Failed logins per key (a client, a login, or both) under one {@link FailureLimit}: a token bucket per key, one
 * token per failure. Only keys with recent failures are kept, at most {@code maxKeys} of them.
 */
final class FailureCounter {

    private final FailureLimit limit;
    private final TimeMeter time;
    private final Cache<Object, Bucket> buckets;

    FailureCounter(FailureLimit limit, int maxKeys, TimeMeter time) {
        this.limit = limit;
        this.time = time;
        // A bucket left alone for its whole period is full again, the same as no bucket: forgetting it loses nothing.
        // Evictions run on the calling thread, so the bound holds at once rather than eventually.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(limit.period())
                .executor(Runnable::run)
                .build();
    }

    /** Zero while the key may fail again; otherwise how long until it may. */
    Duration waitBeforeNextFailure(Object key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null
                ? Duration.ZERO
                : Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /**
     * Counts a failure even beyond the limit: concurrent attempts admitted together all count, and the debt makes
     * the key wait the longer.
     */
    void recordFailure(Object key) {
        buckets.get(key, unused -> newBucket()).consumeIgnoringRateLimits(1);
    }

    void forget(Object key) {
        buckets.invalidate(key);
    }

    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
                .withCustomTimePrecision(time)
                .build();
    }
}
