package com.saascrm.account;

/** Where an account stands. A deleted account has no row left; its erasure record answers for it. */
public enum AccountStatus {
    ACTIVE,
    CANCELLATION_SCHEDULED,
    LOCKED
}
