package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.AccountErasure;

/** The last step of the GDPR deletion, after the CRM data: the account, its users, memberships and subscription. */
@Component("purgeAccountData")
class PurgeAccountDataDelegate implements JavaDelegate {

    private final AccountErasure erasure;

    PurgeAccountDataDelegate(AccountErasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public void execute(DelegateExecution execution) {
        erasure.eraseAccount(accountOf(execution));
    }
}
