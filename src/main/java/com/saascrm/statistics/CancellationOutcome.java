package com.saascrm.statistics;

/** How a cancellation request ended; counted in the anonymous statistics. */
public enum CancellationOutcome {
    ABANDONED,
    WITHDRAWN,
    REOPENED,
    DELETED
}
