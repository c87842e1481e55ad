package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_ID;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ELIGIBILITY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.Eligibility;

/**
 * Checks again, inside the process, that the initiator may cancel the account named by the business key: the
 * engine recorded the initiator from the authenticated user, so a client cannot claim to be someone else.
 * Tasklist's start form has no business key field; it asks for the account id, which then becomes the key.
 */
@Component("checkEligibility")
class CheckEligibilityDelegate implements JavaDelegate {

    private final AccountLifecycle lifecycle;

    CheckEligibilityDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = execution.getProcessBusinessKey();
        if (accountId == null) {
            accountId = ACCOUNT_ID.find(execution).orElse(null);
            execution.setProcessBusinessKey(accountId);
        }
        ACCOUNT_ID.set(execution, accountId);
        Eligibility eligibility = lifecycle.openRequest(accountId, REQUESTED_BY.find(execution).orElse(null),
                execution.getProcessInstanceId());
        ELIGIBILITY.set(execution, eligibility.name());
    }
}
