package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountSummaries;
import com.saascrm.account.AccountSummary;

/**
 * Gives the review step what it shows: the plan, its features and the amount of data that will be lost. Counts and
 * the plan are no personal data; they are task-local, so they go when the task is completed.
 */
@Component("showAccountSummary")
class ShowAccountSummaryListener implements TaskListener {

    private final AccountSummaries summaries;

    ShowAccountSummaryListener(AccountSummaries summaries) {
        this.summaries = summaries;
    }

    @Override
    public void notify(DelegateTask task) {
        AccountSummary summary = summaries.of(accountOf(task.getExecution()));
        // Process-wide, not task-local: the later steps' forms speak the account's language too.
        ACCOUNT_LOCALE.set(task, summary.locale());
        PLAN_NAME.setLocal(task, summary.planName());
        PLAN_FEATURES.setLocal(task, String.join(", ", summary.planFeatures()));
        ORGANIZATION_COUNT.setLocal(task, summary.data().organizations());
        PERSON_COUNT.setLocal(task, summary.data().persons());
        DEAL_COUNT.setLocal(task, summary.data().deals());
        ACTIVITY_COUNT.setLocal(task, summary.data().activities());
        NOTE_COUNT.setLocal(task, summary.data().notes());
    }
}
