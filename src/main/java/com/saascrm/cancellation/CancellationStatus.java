package com.saascrm.cancellation;

import java.time.Instant;

/**
 * Where the cancellation of an account stands, derived from the process and the domain (never stored).
 *
 * @param step                 while {@link State#IN_PROGRESS}: the wizard task waiting for the admin
 * @param accessEndsAt         when access ends (or ended): while cancelled, locked or deleted; absent once the
 *                             cancellation is withdrawn or the account reopened, since access goes on
 * @param deletionDueAt        when the account is (or was) deleted, with the same rule
 * @param currentPeriodEndsAt  the end of the subscription's current billing period (absent once deleted): after a
 *                             withdrawal the period that goes on, after a reopening the new one
 * @param processInstanceId    the process instance of the cancellation (absent once the account is deleted)
 * @param pauseEndsAt          while {@link State#PAUSED}: when billing resumes by itself
 */
public record CancellationStatus(
        String accountId,
        State status,
        String step,
        Instant accessEndsAt,
        Instant deletionDueAt,
        Instant currentPeriodEndsAt,
        String processInstanceId,
        Instant pauseEndsAt) {

    public enum State {
        IN_PROGRESS,
        CANCELLED,
        LOCKED,
        DELETED,
        WITHDRAWN,
        REOPENED,
        ABANDONED,
        /** The admin accepted a retention offer instead of cancelling; a pause that has ended is this too. */
        RETAINED,
        /** The admin accepted a pause: billing stops until {@code pauseEndsAt}, nothing else changes. */
        PAUSED
    }
}
