package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_REMINDER_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationSchedule;
import com.saascrm.account.Subscription;
import com.saascrm.billing.BillingFeedback;
import com.saascrm.billing.BillingProvider;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.feedback.CancellationReason;

/**
 * The account is cancelling, and the billing provider cancels the subscription at the end of its period, with the
 * reason in its codes; the dates of that period end go to the timers that follow.
 */
@Component("cancelSubscription")
class CancelSubscriptionDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final AccountLifecycle lifecycle;
    private final BillingProvider billing;
    private final CancellationFeedback feedback;

    CancelSubscriptionDelegate(
            Accounts accounts, AccountLifecycle lifecycle, BillingProvider billing, CancellationFeedback feedback) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.billing = billing;
        this.feedback = feedback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        boolean paused =
                accounts.subscriptionOf(accountId).map(Subscription::isPaused).orElse(false);
        lifecycle.cancel(accountId);
        BillingFeedback reason = BillingFeedback.of(
                feedback.reasonOf(execution.getProcessInstanceId()).orElse(CancellationReason.OTHER));
        Instant periodEnd = billing.cancelAtPeriodEnd(accountId, reason, BillingStepKey.of(execution));
        CancellationSchedule schedule = lifecycle.scheduleFor(periodEnd);
        ACCESS_ENDS_AT.set(execution, schedule.accessEndsAt());
        DELETION_REMINDER_DUE_AT.set(execution, schedule.deletionReminderDueAt());
        DELETION_DUE_AT.set(execution, schedule.deletionDueAt());
        if (paused) {
            endPauseOf(execution, accountId);
        }
    }

    /**
     * The account was paused by an earlier request, whose instance waits for the pause to end: it ends now, without
     * resuming billing, since the subscription ends with its period and the pause keeps that period free.
     */
    private static void endPauseOf(DelegateExecution execution, String accountId) {
        execution
                .getProcessEngineServices()
                .getRuntimeService()
                .createMessageCorrelation(Messages.PAUSED_ACCOUNT_CANCELLED)
                .processInstanceBusinessKey(accountId)
                .correlateAllWithResult();
    }
}
