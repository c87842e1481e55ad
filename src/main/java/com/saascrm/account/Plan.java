package com.saascrm.account;

import java.util.List;

public record Plan(String code, String name, BillingPeriod billingPeriod, List<String> features) {}
