package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.billing.BillingProvider;

/** Takes the cancellation back before access ends, here and at the billing provider. */
@Component("withdrawCancellation")
class WithdrawCancellationDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;
    private final BillingProvider billing;

    WithdrawCancellationDelegate(AccountLifecycle lifecycle, BillingProvider billing) {
        this.lifecycle = lifecycle;
        this.billing = billing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        lifecycle.withdraw(accountId);
        billing.withdrawCancellation(accountId, BillingStepKey.of(execution));
    }
}
