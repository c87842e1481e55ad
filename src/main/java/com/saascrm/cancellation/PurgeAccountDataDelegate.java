package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.AccountErasure;

/** GDPR deletion of the account's data when the retention period is over. */
@Component("purgeAccountData")
class PurgeAccountDataDelegate implements JavaDelegate {

    private final AccountErasure erasure;

    PurgeAccountDataDelegate(AccountErasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.erase(ACCOUNT_ID.get(execution));
    }
}
