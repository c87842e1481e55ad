package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.security.AccountIdentities;

/** After the purge: the account's groups go, and so do the logins of users that no longer exist in the domain. */
@Component("removeAccountIdentities")
class RemoveAccountIdentitiesDelegate implements JavaDelegate {

    private final AccountIdentities identities;

    RemoveAccountIdentitiesDelegate(AccountIdentities identities) {
        this.identities = identities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        identities.remove(accountOf(execution));
    }
}
