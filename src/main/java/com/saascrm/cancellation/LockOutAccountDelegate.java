package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/** Locks the account out when its paid period ends. */
@Component("lockOutAccount")
class LockOutAccountDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    LockOutAccountDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.lockOut(accountOf(execution));
    }
}
