package com.saascrm.cancellation;

import java.time.Instant;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Everything code needs to know about {@code bpmn/account-cancellation.bpmn}: its key, the ids of the elements
 * that code and tests refer to, its messages and its variables. The business key is the account id.
 */
public final class AccountCancellationProcess {

    public static final String PROCESS_KEY = "account-cancellation";

    private AccountCancellationProcess() {}

    /**
     * The account an instance acts on: its business key, set by the eligibility check at the start and never
     * changed. Never a variable: a user who works on a task could write one.
     */
    public static String accountOf(DelegateExecution execution) {
        String accountId = execution.getProcessBusinessKey();
        if (accountId == null) {
            throw new IllegalStateException(
                    "Process instance " + execution.getProcessInstanceId() + " has no business key");
        }
        return accountId;
    }

    public static final class Elements {
        public static final String TASK_CHECK_ELIGIBILITY = "Task_CheckEligibility";
        public static final String EVENT_REFUSED = "Event_Refused";
        public static final String SUBPROCESS_WIZARD = "SubProcess_Wizard";
        public static final String TASK_REVIEW_ACCOUNT_DATA = "Task_ReviewAccountData";
        public static final String TASK_SUBMIT_REASON = "Task_SubmitReason";
        public static final String TASK_CHOOSE_RETENTION_OFFER = "Task_ChooseRetentionOffer";
        public static final String TASK_CONSIDER_RETENTION_OFFER = "Task_ConsiderRetentionOffer";
        public static final String TIMER_OFFER_IDLE = "Timer_OfferIdle";
        public static final String TASK_CONFIRM_CANCELLATION = "Task_ConfirmCancellation";
        public static final String TIMER_REVIEW_IDLE = "Timer_ReviewIdle";
        public static final String TIMER_REASON_IDLE = "Timer_ReasonIdle";
        public static final String TIMER_CONFIRMATION_IDLE = "Timer_ConfirmationIdle";
        public static final String TASK_CLOSE_ABANDONED_REQUEST = "Task_CloseAbandonedRequest";
        public static final String EVENT_ABANDONED = "Event_Abandoned";
        public static final String TASK_APPLY_RETENTION_OFFER = "Task_ApplyRetentionOffer";
        public static final String TASK_SEND_SUPPORT_CALL_CONFIRMATION = "Task_SendSupportCallConfirmation";
        public static final String EVENT_RETAINED = "Event_Retained";
        public static final String SUBPROCESS_PAUSED = "SubProcess_Paused";
        public static final String TIMER_PAUSE_NOTICE_DUE = "Timer_PauseNoticeDue";
        public static final String TASK_SEND_PAUSE_ENDING_NOTICE = "Task_SendPauseEndingNotice";
        public static final String TIMER_PAUSE_ENDS = "Timer_PauseEnds";
        public static final String EVENT_PAUSE_BECAME_CANCELLATION = "Event_PauseBecameCancellation";
        public static final String TASK_RESUME_BILLING = "Task_ResumeBilling";
        public static final String EVENT_RESUMED = "Event_Resumed";
        public static final String TASK_CANCEL_SUBSCRIPTION = "Task_CancelSubscription";
        public static final String TASK_SEND_CANCELLATION_CONFIRMATION = "Task_SendCancellationConfirmation";
        public static final String TIMER_ACCESS_ENDS = "Timer_AccessEnds";
        public static final String TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT = "Task_ResendConfirmationBeforeLockout";
        public static final String TASK_WITHDRAW_CANCELLATION = "Task_WithdrawCancellation";
        public static final String TASK_SEND_WITHDRAWAL_CONFIRMATION = "Task_SendWithdrawalConfirmation";
        public static final String EVENT_WITHDRAWN = "Event_Withdrawn";
        public static final String TASK_LOCK_OUT_ACCOUNT = "Task_LockOutAccount";
        public static final String TASK_SEND_LOCKOUT_NOTICE = "Task_SendLockoutNotice";
        public static final String TIMER_DELETION_REMINDER_DUE = "Timer_DeletionReminderDue";
        public static final String TASK_SEND_DELETION_REMINDER = "Task_SendDeletionReminder";
        public static final String TIMER_DELETION_DUE = "Timer_DeletionDue";
        public static final String TASK_RESEND_CONFIRMATION_WHILE_LOCKED = "Task_ResendConfirmationWhileLocked";
        public static final String TASK_REOPEN_ACCOUNT = "Task_ReopenAccount";
        public static final String TASK_SEND_REOPENING_CONFIRMATION = "Task_SendReopeningConfirmation";
        public static final String EVENT_REOPENED = "Event_Reopened";
        public static final String TASK_SEND_DELETION_REQUEST_NOTICE_IN_ACCESS_PERIOD =
                "Task_SendDeletionRequestNoticeInAccessPeriod";
        public static final String TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD = "Timer_CoolingOffEndsInAccessPeriod";
        public static final String TASK_SEND_DELETION_REQUEST_NOTICE_WHILE_LOCKED =
                "Task_SendDeletionRequestNoticeWhileLocked";
        public static final String TIMER_COOLING_OFF_ENDS_WHILE_LOCKED = "Timer_CoolingOffEndsWhileLocked";
        public static final String EVENT_DELETION_REQUEST_WITHDRAWN_IN_ACCESS_PERIOD =
                "Event_DeletionRequestWithdrawnInAccessPeriod";
        public static final String EVENT_DELETION_REQUEST_WITHDRAWN_WHILE_LOCKED =
                "Event_DeletionRequestWithdrawnWhileLocked";
        public static final String TASK_LOCK_OUT_BEFORE_ERASURE = "Task_LockOutBeforeErasure";
        public static final String TASK_PURGE_CRM_DATA = "Task_PurgeCrmData";
        public static final String SUBPROCESS_HOLDER_ERASURE = "SubProcess_HolderErasure";
        public static final String TASK_REQUEST_HOLDER_ERASURE = "Task_RequestHolderErasure";
        public static final String TASK_AWAIT_HOLDER_CONFIRMATION = "Task_AwaitHolderConfirmation";
        public static final String TIMER_HOLDER_DEADLINE_PASSED = "Timer_HolderDeadlinePassed";
        public static final String TASK_REPORT_OVERDUE_HOLDER = "Task_ReportOverdueHolder";
        public static final String TASK_ISSUE_ERASURE_CERTIFICATE = "Task_IssueErasureCertificate";
        public static final String TASK_SEND_ERASURE_CERTIFICATE = "Task_SendErasureCertificate";
        public static final String TASK_PURGE_ACCOUNT_DATA = "Task_PurgeAccountData";
        public static final String TASK_REMOVE_ACCOUNT_IDENTITIES = "Task_RemoveAccountIdentities";
        public static final String EVENT_DELETED = "Event_Deleted";

        private Elements() {}
    }

    /** Message names; each is correlated by business key (the account id). */
    public static final class Messages {
        public static final String ABANDON_REQUESTED = "CancellationAbandonRequested";
        public static final String WITHDRAWAL_REQUESTED = "CancellationWithdrawalRequested";
        public static final String REOPENING_REQUESTED = "AccountReopeningRequested";
        public static final String CONFIRMATION_RESEND_REQUESTED = "CancellationConfirmationResendRequested";
        public static final String BILLING_RESUME_REQUESTED = "BillingResumeRequested";
        /** An erasure asked for now, after the cancellation, with {@link Variables#ERASURE_DUE_AT}. */
        public static final String DELETION_REQUESTED = "AccountDeletionRequested";

        public static final String DELETION_REQUEST_WITHDRAWN = "AccountDeletionRequestWithdrawn";
        /** A holder confirmed it deleted the account's data: correlated by {@link Variables#AWAITED_HOLDER} too. */
        public static final String HOLDER_ERASURE_CONFIRMED = "HolderErasureConfirmed";
        /** Sent by a newer cancellation of the account, once confirmed, to the one whose pause it ends. */
        public static final String PAUSED_ACCOUNT_CANCELLED = "PausedAccountCancelled";

        private Messages() {}
    }

    public static final class Variables {
        /** Set by the engine from {@code camunda:initiator}: the authenticated user who started the request. */
        public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.of("requestedBy", String.class);
        /**
         * The account id for the forms to show; the start form writes it where no business key is given. The process
         * acts on {@link AccountCancellationProcess#accountOf the business key}, never on this.
         */
        public static final ProcessVariable<String> ACCOUNT_ID = ProcessVariable.of("accountId", String.class);
        /** {@code en} or {@code nb}: the forms show their texts in the account's language. */
        public static final ProcessVariable<String> ACCOUNT_LOCALE = ProcessVariable.of("accountLocale", String.class);
        /** Where an API start came from: a {@link RequestChannel} name. */
        public static final ProcessVariable<String> REQUEST_CHANNEL =
                ProcessVariable.of("requestChannel", String.class);
        /** An {@link com.saascrm.account.Eligibility} code. */
        public static final ProcessVariable<String> ELIGIBILITY = ProcessVariable.of("eligibility", String.class);

        // Written by Tasklist forms and engine-rest clients (the variables contract: README and docs/architecture.md).
        public static final ProcessVariable<String> REVIEW_DECISION =
                ProcessVariable.of("reviewDecision", String.class);
        public static final ProcessVariable<String> CANCELLATION_REASON =
                ProcessVariable.of("cancellationReason", String.class);
        public static final ProcessVariable<String> REASON_COMMENT = ProcessVariable.of("reasonComment", String.class);
        public static final ProcessVariable<String> REPLACEMENT_PRODUCT =
                ProcessVariable.of("replacementProduct", String.class);
        public static final ProcessVariable<Number> RECOMMENDATION_SCORE =
                ProcessVariable.of("recommendationScore", Number.class);
        public static final ProcessVariable<String> OTHER_FEEDBACK = ProcessVariable.of("otherFeedback", String.class);
        public static final ProcessVariable<Boolean> DATA_LOSS_CONSENT =
                ProcessVariable.of("dataLossConsent", Boolean.class);
        /** A {@link com.saascrm.retention.OfferAnswer} name: the admin's answer to the retention offer. */
        public static final ProcessVariable<String> RETENTION_OFFER_ANSWER =
                ProcessVariable.of("retentionOfferAnswer", String.class);

        // The retention offer, as the decision chose it (codes and numbers, nothing personal), and its terms.
        /** A {@link com.saascrm.retention.RetentionOffer.Kind} name. */
        public static final ProcessVariable<String> RETENTION_OFFER =
                ProcessVariable.of("retentionOffer", String.class);
        /** A {@link com.saascrm.retention.RetentionGroup} name; none without an offer. */
        public static final ProcessVariable<String> RETENTION_GROUP =
                ProcessVariable.of("retentionGroup", String.class);

        public static final ProcessVariable<Integer> DISCOUNT_PERCENT =
                ProcessVariable.of("discountPercent", Integer.class);
        public static final ProcessVariable<Integer> DISCOUNT_MONTHS =
                ProcessVariable.of("discountMonths", Integer.class);
        public static final ProcessVariable<Integer> PAUSE_MONTHS = ProcessVariable.of("pauseMonths", Integer.class);
        public static final ProcessVariable<String> TARGET_PLAN = ProcessVariable.of("targetPlan", String.class);
        /** Written by the process from the answer; the gateway after the wizard reads it. */
        public static final ProcessVariable<Boolean> RETENTION_OFFER_ACCEPTED =
                ProcessVariable.of("retentionOfferAccepted", Boolean.class);
        /** Task-local, for the offer step: the offer in the account's words. */
        public static final ProcessVariable<String> RETENTION_OFFER_TEXT =
                ProcessVariable.of("retentionOfferText", String.class);

        // A pause's dates, from the moment it was accepted; its timers read them.
        public static final ProcessVariable<Instant> PAUSE_NOTICE_DUE_AT = ProcessVariable.instant("pauseNoticeDueAt");
        public static final ProcessVariable<Instant> PAUSE_ENDS_AT = ProcessVariable.instant("pauseEndsAt");

        /**
         * The admin's answers beyond the codes (free text and the score): moved to the domain, never kept in the
         * process or its history.
         */
        public static final Set<String> FEEDBACK_ANSWERS = Set.of(
                REASON_COMMENT.name(), REPLACEMENT_PRODUCT.name(), RECOMMENDATION_SCORE.name(), OTHER_FEEDBACK.name());

        // Task-local, shown by the review step.
        public static final ProcessVariable<String> PLAN_NAME = ProcessVariable.of("planName", String.class);
        public static final ProcessVariable<String> PLAN_FEATURES = ProcessVariable.of("planFeatures", String.class);
        /** Task-local, for the confirmation step: what confirming means, with its dates, in the account's words. */
        public static final ProcessVariable<String> CANCELLATION_DATES =
                ProcessVariable.of("cancellationDates", String.class);

        public static final ProcessVariable<String> CONSENT_GUIDANCE =
                ProcessVariable.of("consentGuidance", String.class);
        public static final ProcessVariable<Long> ORGANIZATION_COUNT =
                ProcessVariable.of("organizationCount", Long.class);
        public static final ProcessVariable<Long> PERSON_COUNT = ProcessVariable.of("personCount", Long.class);
        public static final ProcessVariable<Long> DEAL_COUNT = ProcessVariable.of("dealCount", Long.class);
        public static final ProcessVariable<Long> ACTIVITY_COUNT = ProcessVariable.of("activityCount", Long.class);
        public static final ProcessVariable<Long> NOTE_COUNT = ProcessVariable.of("noteCount", Long.class);

        // The schedule, written when the subscription is cancelled; the timers read them.
        public static final ProcessVariable<Instant> ACCESS_ENDS_AT = ProcessVariable.instant("accessEndsAt");
        public static final ProcessVariable<Instant> DELETION_REMINDER_DUE_AT =
                ProcessVariable.instant("deletionReminderDueAt");
        public static final ProcessVariable<Instant> DELETION_DUE_AT = ProcessVariable.instant("deletionDueAt");

        /** When an erasure asked for after the cancellation is due: the end of its cooling-off. */
        public static final ProcessVariable<Instant> ERASURE_DUE_AT = ProcessVariable.instant("erasureDueAt");

        /** Progress of the purge, for Cockpit: CRM rows deleted so far, and whether any is left. */
        public static final ProcessVariable<Long> CRM_ROWS_PURGED = ProcessVariable.of("crmRowsPurged", Long.class);

        public static final ProcessVariable<Boolean> CRM_DATA_LEFT = ProcessVariable.of("crmDataLeft", Boolean.class);

        /** The element variable of the erasure at each holder: the holder's name in the configuration. */
        public static final ProcessVariable<String> ERASURE_HOLDER = ProcessVariable.of("erasureHolder", String.class);

        /** Local to the step that waits for a holder's confirmation, which is correlated by it. */
        public static final ProcessVariable<String> AWAITED_HOLDER = ProcessVariable.of("awaitedHolder", String.class);

        /** Input parameter of each mail step: a {@link com.saascrm.mail.MailType} name. */
        public static final ProcessVariable<String> MAIL_TYPE = ProcessVariable.of("mailType", String.class);

        private Variables() {}
    }

    /** Where a request to cancel comes from, for operations and statistics. */
    public enum RequestChannel {
        BILLING_PAGE,
        SUPPORT_TOOL,
        OTHER
    }

    /** The values of {@link Variables#REVIEW_DECISION}. */
    public enum ReviewDecision {
        CONTINUE,
        KEEP_SUBSCRIPTION
    }
}
