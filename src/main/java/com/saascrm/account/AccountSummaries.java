package com.saascrm.account;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.crm.CrmData;
import com.saascrm.texts.CustomerTexts;

/** What the review step shows, in the account's language: plan names and features from the texts, where they have them. */
@Service
@Transactional(readOnly = true)
public class AccountSummaries {

    private final Accounts accounts;
    private final CrmData crmData;
    private final CustomerTexts texts;

    AccountSummaries(Accounts accounts, CrmData crmData, CustomerTexts texts) {
        this.accounts = accounts;
        this.crmData = crmData;
        this.texts = texts;
    }

    /** The plan's name as an account in that language reads it; the catalogue's where the texts have none. */
    public String planName(String planCode, String languageTag) {
        return planName(accounts.plan(planCode), languageTag);
    }

    private String planName(Plan plan, String languageTag) {
        return texts.getOrDefault("plan." + plan.code() + ".name", languageTag, plan.name());
    }

    public AccountSummary of(String accountId) {
        Subscription subscription =
                accounts.subscriptionOf(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
        Plan plan = accounts.plan(subscription.planCode());
        String locale = accounts.get(accountId).locale();
        String prefix = "plan." + plan.code() + ".";
        List<String> features = new ArrayList<>();
        for (int position = 1; position <= plan.features().size(); position++) {
            features.add(texts.getOrDefault(
                    prefix + "feature." + position, locale, plan.features().get(position - 1)));
        }
        return new AccountSummary(accountId, locale, planName(plan, locale), features, crmData.countsOf(accountId));
    }
}
