package com.saascrm.account;

import java.time.Instant;

/** {@code cancelledAt} is set while a cancellation is scheduled; access lasts until {@code currentPeriodEnd}. */
public record Subscription(String accountId, String planCode, Instant currentPeriodEnd, Instant cancelledAt) {}
