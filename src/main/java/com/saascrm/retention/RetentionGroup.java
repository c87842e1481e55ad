package com.saascrm.retention;

/**
 * The experiment's group of a request that the decision would make an offer to: shown it, or kept without it (the
 * control group) so that the offer's save rate can be compared with the requests that saw none.
 */
public enum RetentionGroup {
    OFFERED,
    CONTROL
}
