package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/** Takes the cancellation back before access ends. */
@Component("withdrawCancellation")
class WithdrawCancellationDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    WithdrawCancellationDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        lifecycle.withdraw(accountOf(execution));
    }
}
