package com.saascrm.account;

import java.time.Instant;

/** Published in the transaction that gave the account's subscription a new end of its billing period. */
public record SubscriptionPeriodChanged(String accountId, Instant currentPeriodEnd) {}
