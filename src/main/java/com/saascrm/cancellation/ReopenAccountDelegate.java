package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/** Reopens a locked account before its deletion. */
@Component("reopenAccount")
class ReopenAccountDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    ReopenAccountDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.reopen(accountOf(execution));
    }
}
