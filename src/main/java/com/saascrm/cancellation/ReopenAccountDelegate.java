package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.billing.BillingProvider;

/** Reopens a locked account before its deletion, with a new subscription at the billing provider. */
@Component("reopenAccount")
class ReopenAccountDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;
    private final BillingProvider billing;

    ReopenAccountDelegate(AccountLifecycle lifecycle, BillingProvider billing) {
        this.lifecycle = lifecycle;
        this.billing = billing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        lifecycle.reopen(accountId);
        billing.startNewSubscription(accountId, BillingStepKey.of(execution));
    }
}
