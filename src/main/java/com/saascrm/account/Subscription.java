package com.saascrm.account;

import java.time.Instant;

/**
 * {@code cancelledAt} is set while a cancellation is scheduled; access lasts until {@code currentPeriodEnd}.
 * {@code pausedUntil} is set while billing is paused by an accepted retention offer.
 */
public record Subscription(
        String accountId, String planCode, Instant currentPeriodEnd, Instant cancelledAt, Instant pausedUntil) {

    public boolean isPaused() {
        return pausedUntil != null;
    }
}
