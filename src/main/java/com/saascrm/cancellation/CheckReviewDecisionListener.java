package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.saascrm.cancellation.AccountCancellationProcess.ReviewDecision;

/** The review step must say whether the admin goes on or keeps the subscription. */
@Component("checkReviewDecision")
class CheckReviewDecisionListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        WizardInput.requiredChoice(execution, REVIEW_DECISION, ReviewDecision.class);
    }
}
