package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.billing.BillingProvider;

/** The pause is over, at its date or earlier because the admin asked: the billing provider charges again. */
@Component("resumeBilling")
class ResumeBillingDelegate implements JavaDelegate {

    private final BillingProvider billing;

    ResumeBillingDelegate(BillingProvider billing) {
        this.billing = billing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        billing.resume(accountOf(execution), BillingStepKey.of(execution));
    }
}
