package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_PERCENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_GROUP;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ACCEPTED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.TARGET_PLAN;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationRequests;
import com.saascrm.account.Subscription;
import com.saascrm.retention.InvalidRetentionOfferException;
import com.saascrm.retention.RetentionExperiment;
import com.saascrm.retention.RetentionGroup;
import com.saascrm.retention.RetentionOffer;

/**
 * Takes the offer the decision table chose, puts the request into the experiment's group and records both with the
 * request. The table is the business's to edit: an answer that is no offer (a rule without its terms, a plan that
 * does not exist or is the account's own) is logged for its editors and the admin goes on without an offer, since a
 * fault in a rule must not keep anybody from cancelling.
 */
@Component("recordRetentionOffer")
class RecordRetentionOfferListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RecordRetentionOfferListener.class);

    private final Accounts accounts;
    private final CancellationRequests requests;
    private final RetentionExperiment experiment;

    RecordRetentionOfferListener(Accounts accounts, CancellationRequests requests, RetentionExperiment experiment) {
        this.accounts = accounts;
        this.requests = requests;
        this.experiment = experiment;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        String accountId = accountOf(execution);
        RetentionOffer offer = offerOf(execution, accountId);
        RetentionGroup group = offer.isOffer() ? experiment.groupFor(offer) : null;
        requests.recordRetentionOffer(accountId, offer.kind(), group);
        RETENTION_OFFER.set(execution, offer.kind().name());
        RETENTION_GROUP.set(execution, group == null ? null : group.name());
        setIfGiven(execution, DISCOUNT_PERCENT, offer.discountPercent());
        setIfGiven(execution, DISCOUNT_MONTHS, offer.discountMonths());
        setIfGiven(execution, PAUSE_MONTHS, offer.pauseMonths());
        setIfGiven(execution, TARGET_PLAN, offer.targetPlan());
        RETENTION_OFFER_ACCEPTED.set(execution, false);
    }

    private static <T> void setIfGiven(DelegateExecution execution, ProcessVariable<T> variable, T value) {
        if (value != null) {
            variable.set(execution, value);
        }
    }

    private RetentionOffer offerOf(DelegateExecution execution, String accountId) {
        DmnDecisionResult result =
                (DmnDecisionResult) execution.getVariable(DecisionEvaluationUtil.DECISION_RESULT_VARIABLE);
        try {
            if (result == null || result.size() != 1) {
                throw new InvalidRetentionOfferException("answered " + (result == null ? 0 : result.size())
                        + " rules; its hit policy must give exactly one");
            }
            RetentionOffer offer =
                    RetentionOffer.fromDecision(result.getSingleResult().getEntryMap());
            if (offer.kind() == RetentionOffer.Kind.CHEAPER_PLAN) {
                requireOtherPlan(accountId, offer.targetPlan());
            }
            return offer;
        } catch (InvalidRetentionOfferException fault) {
            log.warn(
                    "No retention offer for account {} (process instance {}): {}",
                    accountId,
                    execution.getProcessInstanceId(),
                    fault.getMessage());
            return RetentionOffer.NONE;
        }
    }

    private void requireOtherPlan(String accountId, String targetPlan) {
        if (!accounts.planExists(targetPlan)) {
            throw new InvalidRetentionOfferException("gives the unknown plan " + targetPlan);
        }
        String current =
                accounts.subscriptionOf(accountId).map(Subscription::planCode).orElse(null);
        if (targetPlan.equals(current)) {
            throw new InvalidRetentionOfferException("offers the account's own plan " + targetPlan);
        }
    }
}
