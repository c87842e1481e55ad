package com.saascrm.account;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.crm.CrmData;

@Service
@Transactional(readOnly = true)
public class AccountSummaries {

    private final Accounts accounts;
    private final CrmData crmData;

    AccountSummaries(Accounts accounts, CrmData crmData) {
        this.accounts = accounts;
        this.crmData = crmData;
    }

    public AccountSummary of(String accountId) {
        Subscription subscription =
                accounts.subscriptionOf(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
        Plan plan = accounts.plan(subscription.planCode());
        return new AccountSummary(
                accountId, accounts.get(accountId).locale(), plan.name(), plan.features(), crmData.countsOf(accountId));
    }
}
