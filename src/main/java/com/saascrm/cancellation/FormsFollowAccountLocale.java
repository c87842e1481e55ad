package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_LOCALE;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLocaleChanged;

/** The wizard's forms speak the account's language: a new one from the CRM shows from the next form on. */
@Component
class FormsFollowAccountLocale {

    private final RuntimeService runtimeService;

    FormsFollowAccountLocale(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @EventListener
    void localeChanged(AccountLocaleChanged change) {
        for (ProcessInstance instance : runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(change.accountId())
                .list()) {
            // Set by the first form's task; before that there is nothing to change.
            if (runtimeService.getVariable(instance.getId(), ACCOUNT_LOCALE.name()) != null) {
                runtimeService.setVariable(instance.getId(), ACCOUNT_LOCALE.name(), change.locale());
            }
        }
    }
}
