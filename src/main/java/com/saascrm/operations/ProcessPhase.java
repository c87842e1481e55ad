package com.saascrm.operations;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where in its life a running cancellation is, read from the element it waits at. Only elements where an instance
 * is on its main path count: the resend of a confirmation runs beside the wait for the lockout or the deletion, and
 * a subprocess is no place to wait, so neither counts an instance a second time.
 */
enum ProcessPhase {
    WIZARD,
    RETAINED,
    PAUSED,
    ACCESS_PERIOD,
    LOCKED_PERIOD,
    PURGE;

    private static final Map<String, ProcessPhase> BY_ELEMENT = Map.ofEntries(
            Map.entry(TASK_CHECK_ELIGIBILITY, WIZARD),
            Map.entry(TASK_REVIEW_ACCOUNT_DATA, WIZARD),
            Map.entry(TASK_SUBMIT_REASON, WIZARD),
            Map.entry(TASK_CONSIDER_RETENTION_OFFER, WIZARD),
            Map.entry(TASK_CONFIRM_CANCELLATION, WIZARD),
            Map.entry(TASK_APPLY_RETENTION_OFFER, RETAINED),
            Map.entry(TASK_SEND_SUPPORT_CALL_CONFIRMATION, RETAINED),
            Map.entry(TIMER_PAUSE_NOTICE_DUE, PAUSED),
            Map.entry(TASK_SEND_PAUSE_ENDING_NOTICE, PAUSED),
            Map.entry(TIMER_PAUSE_ENDS, PAUSED),
            Map.entry(TASK_RESUME_BILLING, PAUSED),
            Map.entry(TASK_CLOSE_ABANDONED_REQUEST, WIZARD),
            Map.entry(TASK_CANCEL_SUBSCRIPTION, ACCESS_PERIOD),
            Map.entry(TASK_SEND_CANCELLATION_CONFIRMATION, ACCESS_PERIOD),
            Map.entry(TIMER_ACCESS_ENDS, ACCESS_PERIOD),
            Map.entry(TASK_WITHDRAW_CANCELLATION, ACCESS_PERIOD),
            Map.entry(TASK_SEND_WITHDRAWAL_CONFIRMATION, ACCESS_PERIOD),
            Map.entry(TASK_LOCK_OUT_ACCOUNT, LOCKED_PERIOD),
            Map.entry(TASK_SEND_LOCKOUT_NOTICE, LOCKED_PERIOD),
            Map.entry(TIMER_DELETION_REMINDER_DUE, LOCKED_PERIOD),
            Map.entry(TASK_SEND_DELETION_REMINDER, LOCKED_PERIOD),
            Map.entry(TIMER_DELETION_DUE, LOCKED_PERIOD),
            Map.entry(TASK_REOPEN_ACCOUNT, LOCKED_PERIOD),
            Map.entry(TASK_SEND_REOPENING_CONFIRMATION, LOCKED_PERIOD),
            Map.entry(TASK_PURGE_CRM_DATA, PURGE),
            Map.entry(TASK_ISSUE_ERASURE_CERTIFICATE, PURGE),
            Map.entry(TASK_SEND_ERASURE_CERTIFICATE, PURGE),
            Map.entry(TASK_PURGE_ACCOUNT_DATA, PURGE),
            Map.entry(TASK_REMOVE_ACCOUNT_IDENTITIES, PURGE));

    /**
     * Where a cancellation in its purge waits once for each data holder. The element statistics count each holder's
     * wait, so these are counted by cancellation instead ({@link ProcessStateGauges}), in {@link #PURGE}.
     */
    static final List<String> AT_EACH_HOLDER = List.of(TASK_REQUEST_HOLDER_ERASURE, TASK_AWAIT_HOLDER_CONFIRMATION);

    static Optional<ProcessPhase> ofElement(String elementId) {
        return Optional.ofNullable(BY_ELEMENT.get(elementId));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
