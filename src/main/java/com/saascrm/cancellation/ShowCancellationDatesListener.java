package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_DATES;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CONSENT_GUIDANCE;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.Account;
import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationSchedule;
import com.saascrm.account.UnknownAccountException;
import com.saascrm.texts.CustomerTexts;

/**
 * Before the consent, the confirmation step says what confirming means: until when access lasts and when the data
 * is deleted, from the current billing period, in the account's time zone and language; and what to do with the
 * consent box. Task-local: the texts go with the task.
 */
@Component("showCancellationDates")
class ShowCancellationDatesListener implements TaskListener {

    private final Accounts accounts;
    private final AccountLifecycle lifecycle;
    private final CustomerTexts texts;

    ShowCancellationDatesListener(Accounts accounts, AccountLifecycle lifecycle, CustomerTexts texts) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.texts = texts;
    }

    @Override
    public void notify(DelegateTask task) {
        String accountId = accountOf(task.getExecution());
        Account account = accounts.get(accountId);
        CancellationSchedule schedule = lifecycle.scheduleFor(accounts.subscriptionOf(accountId)
                .orElseThrow(() -> new UnknownAccountException(accountId))
                .currentPeriodEnd());
        String language = account.locale();
        CANCELLATION_DATES.setLocal(
                task,
                texts.get(
                        "confirm.dates",
                        language,
                        texts.moment("until", schedule.accessEndsAt(), account.timeZone(), language),
                        texts.moment("on", schedule.deletionDueAt(), account.timeZone(), language)));
        CONSENT_GUIDANCE.setLocal(task, texts.get("confirm.consent_guidance", language));
    }
}
