package com.saascrm.account;

/** The answer to "may this login cancel this account now?". */
public enum Eligibility {
    ELIGIBLE,
    UNKNOWN_ACCOUNT,
    NOT_ACCOUNT_ADMIN,
    TRIAL_ACCOUNT,
    ALREADY_CANCELLING
}
