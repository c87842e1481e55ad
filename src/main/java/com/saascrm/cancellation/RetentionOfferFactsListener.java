package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.saascrm.account.Accounts;
import com.saascrm.account.RetentionFacts;
import com.saascrm.account.UnknownAccountException;

/**
 * Hands the decision table the account's facts besides the reason: plan, months as a customer, users, whether its
 * billing is paused. Transient: they are read from the account when the decision is made and never stored in the
 * process (the decision's history keeps them as its inputs).
 */
@Component("retentionOfferFacts")
class RetentionOfferFactsListener implements ExecutionListener {

    static final String PLAN_CODE = "planCode";
    static final String CUSTOMER_MONTHS = "customerMonths";
    static final String ACCOUNT_USERS = "accountUsers";
    static final String SUBSCRIPTION_PAUSED = "subscriptionPaused";

    private final Accounts accounts;
    private final Clock clock;

    RetentionOfferFactsListener(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String accountId = accountOf(execution);
        RetentionFacts facts = accounts.retentionFactsOf(
                        accountId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                .orElseThrow(() -> new UnknownAccountException(accountId));
        execution.setVariableLocal(PLAN_CODE, Variables.stringValue(facts.planCode(), true));
        execution.setVariableLocal(CUSTOMER_MONTHS, Variables.integerValue(facts.customerMonths(), true));
        execution.setVariableLocal(ACCOUNT_USERS, Variables.integerValue(facts.users(), true));
        execution.setVariableLocal(SUBSCRIPTION_PAUSED, Variables.booleanValue(facts.paused(), true));
    }
}
