package com.saascrm.cancellation;

import com.saascrm.account.Eligibility;

/** A start that the rules refuse: not an admin, a trial account, or a cancellation already running. */
public class CancellationRefusedException extends RuntimeException {

    private final Eligibility reason;
    private final String runningRequestId;

    CancellationRefusedException(String accountId, Eligibility reason, String runningRequestId) {
        super(message(accountId, reason, runningRequestId));
        this.reason = reason;
        this.runningRequestId = runningRequestId;
    }

    public Eligibility reason() {
        return reason;
    }

    /** The process instance of the cancellation already in progress, if that is the reason. */
    public String runningRequestId() {
        return runningRequestId;
    }

    private static String message(String accountId, Eligibility reason, String runningRequestId) {
        return switch (reason) {
            case UNKNOWN_ACCOUNT -> "There is no account '" + accountId + "'";
            case NOT_ACCOUNT_ADMIN -> "Only an admin of account '" + accountId + "' may cancel it";
            case TRIAL_ACCOUNT -> "Account '" + accountId + "' is a trial account; trials are cancelled differently";
            case ALREADY_CANCELLING ->
                "Account '" + accountId + "' already has a cancellation in progress"
                        + (runningRequestId == null ? "" : ": request " + runningRequestId);
            case ELIGIBLE -> throw new IllegalArgumentException("An eligible start is not refused");
        };
    }
}
