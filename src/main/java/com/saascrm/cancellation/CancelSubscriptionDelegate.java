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
import com.saascrm.account.CancellationSchedule;
import com.saascrm.billing.BillingFeedback;
import com.saascrm.billing.BillingProvider;
import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.feedback.CancellationReason;

/**
 * The account is cancelling, and the billing provider cancels the subscription at the end of its period, with the
 * reason in its codes; the dates of that period end go to the timers that follow.
 */
@Component("cancelSubscription")
class CancelSubscriptionDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;
    private final BillingProvider billing;
    private final CancellationFeedback feedback;

    CancelSubscriptionDelegate(AccountLifecycle lifecycle, BillingProvider billing, CancellationFeedback feedback) {
        this.lifecycle = lifecycle;
        this.billing = billing;
        this.feedback = feedback;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        lifecycle.cancel(accountId);
        BillingFeedback reason = BillingFeedback.of(
                feedback.reasonOf(execution.getProcessInstanceId()).orElse(CancellationReason.OTHER));
        Instant periodEnd = billing.cancelAtPeriodEnd(accountId, reason, BillingStepKey.of(execution));
        CancellationSchedule schedule = lifecycle.scheduleFor(periodEnd);
        ACCESS_ENDS_AT.set(execution, schedule.accessEndsAt());
        DELETION_REMINDER_DUE_AT.set(execution, schedule.deletionReminderDueAt());
        DELETION_DUE_AT.set(execution, schedule.deletionDueAt());
    }
}
