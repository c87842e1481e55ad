package com.saascrm.billing;

import java.time.Instant;

/**
 * A subscription as the billing provider holds it: set to end with its period or not, the end of its current
 * period, and when it ended, if it has.
 */
public record SubscriptionState(boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant endedAt) {}
