package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_REMINDER_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.CancellationSchedule;

/** Cancels the subscription and hands the resulting dates to the timers that follow. */
@Component("cancelSubscription")
class CancelSubscriptionDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    CancelSubscriptionDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CancellationSchedule schedule = lifecycle.cancel(accountOf(execution));
        ACCESS_ENDS_AT.set(execution, schedule.accessEndsAt());
        DELETION_REMINDER_DUE_AT.set(execution, schedule.deletionReminderDueAt());
        DELETION_DUE_AT.set(execution, schedule.deletionDueAt());
    }
}
