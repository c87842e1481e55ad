package com.saascrm.account;

/** The billing provider's ids of an account's customer and current subscription; either may be unknown (null). */
public record BillingIds(String customerId, String subscriptionId) {}
