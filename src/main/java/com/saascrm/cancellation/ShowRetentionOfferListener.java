package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_TEXT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.Account;
import com.saascrm.account.AccountSummaries;
import com.saascrm.account.Accounts;
import com.saascrm.retention.RetentionOffer;
import com.saascrm.texts.CustomerTexts;

/** The offer step says what the offer is, with its terms, in the account's language. Task-local, like its kind. */
@Component("showRetentionOffer")
class ShowRetentionOfferListener implements TaskListener {

    private final Accounts accounts;
    private final AccountSummaries summaries;
    private final CustomerTexts texts;

    ShowRetentionOfferListener(Accounts accounts, AccountSummaries summaries, CustomerTexts texts) {
        this.accounts = accounts;
        this.summaries = summaries;
        this.texts = texts;
    }

    @Override
    public void notify(DelegateTask task) {
        Account account = accounts.get(accountOf(task.getExecution()));
        RetentionOffer offer = RetentionOffers.of(task.getExecution());
        String language = account.locale();
        String text = switch (offer.kind()) {
            case DISCOUNT -> texts.get("offer.DISCOUNT", language, offer.discountPercent(), offer.discountMonths());
            case PAUSE -> texts.get("offer.PAUSE", language, offer.pauseMonths());
            case CHEAPER_PLAN ->
                texts.get("offer.CHEAPER_PLAN", language, summaries.planName(offer.targetPlan(), language));
            case SUPPORT_CALL -> texts.get("offer.SUPPORT_CALL", language);
            case NONE -> throw new IllegalStateException("The offer step is reached only with an offer");
        };
        RETENTION_OFFER_TEXT.setLocal(task, text);
    }
}
