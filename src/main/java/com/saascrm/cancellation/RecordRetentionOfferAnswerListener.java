package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_NOTICE_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ACCEPTED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ANSWER;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import java.time.Clock;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationRequests;
import com.saascrm.retention.OfferAnswer;
import com.saascrm.retention.RetentionOffer;
import com.saascrm.retention.RetentionOfferSettings;

/**
 * The offer step must be answered with accept or decline; the answer goes with the request into the statistics. An
 * accepted pause gets its dates now: it lasts its months from the moment it was accepted, in the account's time
 * zone, and the admins hear that billing resumes a configured time before it does.
 */
@Component("recordRetentionOfferAnswer")
class RecordRetentionOfferAnswerListener implements ExecutionListener {

    private final CancellationRequests requests;
    private final Accounts accounts;
    private final RetentionOfferSettings settings;
    private final Clock clock;

    RecordRetentionOfferAnswerListener(
            CancellationRequests requests, Accounts accounts, RetentionOfferSettings settings, Clock clock) {
        this.requests = requests;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        String accountId = accountOf(execution);
        OfferAnswer answer = WizardInput.requiredChoice(execution, RETENTION_OFFER_ANSWER, OfferAnswer.class);
        requests.recordOfferAnswer(accountId, answer);
        boolean accepted = answer == OfferAnswer.ACCEPT;
        RETENTION_OFFER_ACCEPTED.set(execution, accepted);
        RetentionOffer offer = RetentionOffers.of(execution);
        if (accepted && offer.kind() == RetentionOffer.Kind.PAUSE) {
            Instant endsAt = clock.instant()
                    .atZone(accounts.get(accountId).timeZone())
                    .plusMonths(offer.pauseMonths())
                    .toInstant();
            PAUSE_ENDS_AT.set(execution, endsAt);
            PAUSE_NOTICE_DUE_AT.set(execution, endsAt.minus(settings.pauseNoticeLead()));
        }
    }
}
