package com.saascrm.statistics;

/** How a cancellation request ended; counted in the anonymous statistics. */
public enum CancellationOutcome {
    ABANDONED,
    WITHDRAWN,
    REOPENED,
    DELETED,
    /** The admin accepted a retention offer other than a pause: the subscription goes on, on the offer's terms. */
    RETAINED,
    /** The admin accepted a pause: billing stops for the offer's months, and the account stays as it is. */
    PAUSED
}
