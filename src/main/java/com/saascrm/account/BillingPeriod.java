package com.saascrm.account;

import java.time.Period;

public enum BillingPeriod {
    MONTHLY(Period.ofMonths(1)),
    YEARLY(Period.ofYears(1));

    private final Period length;

    BillingPeriod(Period length) {
        this.length = length;
    }

    public Period length() {
        return length;
    }
}
