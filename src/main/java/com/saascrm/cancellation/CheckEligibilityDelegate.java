package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_ID;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ELIGIBILITY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUEST_CHANNEL;

import java.util.Arrays;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.Eligibility;
import com.saascrm.cancellation.AccountCancellationProcess.RequestChannel;

/**
 * Fixes, at the start, what the instance acts on and for whom, and checks that this person may cancel that account.
 * The account is the business key (Tasklist's start form has no business key field, so it asks for the account id,
 * which then becomes the key). The requester is the authenticated user of the start, not a variable: a start may
 * carry any variable, {@code requestedBy} included. Of what the caller sent, only the start form's account id and
 * the API's channel stay; every other variable of this instance is written by the process itself.
 */
@Component("checkEligibility")
class CheckEligibilityDelegate implements JavaDelegate {

    private static final Set<String> KEPT_FROM_THE_START =
            Set.of(ACCOUNT_ID.name(), REQUEST_CHANNEL.name(), REQUESTED_BY.name());

    private final AccountLifecycle lifecycle;

    CheckEligibilityDelegate(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = execution.getProcessBusinessKey();
        if (accountId == null) {
            accountId = execution.getVariable(ACCOUNT_ID.name()) instanceof String typed ? typed : null;
            execution.setProcessBusinessKey(accountId);
        }
        String requester = requester(execution);
        dropWhatTheProcessOwns(execution);
        ACCOUNT_ID.set(execution, accountId);
        REQUESTED_BY.set(execution, requester);
        Eligibility eligibility = lifecycle.openRequest(accountId, requester, execution.getProcessInstanceId());
        ELIGIBILITY.set(execution, eligibility.name());
    }

    /** The user the engine authenticated for this start; the application's own starts are trusted as they say. */
    private static String requester(DelegateExecution execution) {
        Authentication authentication =
                execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null) {
            return authentication.getUserId();
        }
        return execution.getVariable(REQUESTED_BY.name()) instanceof String typed ? typed : null;
    }

    private static void dropWhatTheProcessOwns(DelegateExecution execution) {
        for (String name : execution.getVariableNames()) {
            if (!KEPT_FROM_THE_START.contains(name)) {
                execution.removeVariable(name);
            }
        }
        Object channel = execution.getVariable(REQUEST_CHANNEL.name());
        if (channel != null
                && Arrays.stream(RequestChannel.values())
                        .noneMatch(known -> known.name().equals(channel))) {
            execution.removeVariable(REQUEST_CHANNEL.name());
        }
    }
}
