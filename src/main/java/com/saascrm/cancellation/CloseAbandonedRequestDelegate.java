package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/** Closes a request the admin left in the wizard: the account stays as it was. */
@Component("closeAbandonedRequest")
class CloseAbandonedRequestDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    CloseAbandonedRequestDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.abandon(accountOf(execution));
    }
}
