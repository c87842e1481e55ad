package com.saascrm.cancellation;

import java.time.Instant;

/**
 * Where the cancellation of an account stands, derived from the process and the domain (never stored).
 *
 * @param step               while {@link State#IN_PROGRESS}: the wizard task waiting for the admin
 * @param processInstanceId  the process instance of the cancellation (absent once the account is deleted)
 */
public record CancellationStatus(
        String accountId,
        State status,
        String step,
        Instant accessEndsAt,
        Instant deletionDueAt,
        String processInstanceId) {

    public enum State {
        IN_PROGRESS,
        CANCELLED,
        LOCKED,
        DELETED,
        WITHDRAWN,
        REOPENED,
        ABANDONED
    }
}
