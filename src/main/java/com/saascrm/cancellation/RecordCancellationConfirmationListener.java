package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.OTHER_FEEDBACK;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RECOMMENDATION_SCORE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REPLACEMENT_PRODUCT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.feedback.Questionnaire;

/**
 * The last wizard step: without consent to losing the data there is no cancellation. The questionnaire answers
 * go to the domain; only the consent stays in the process, as evidence.
 */
@Component("recordCancellationConfirmation")
class RecordCancellationConfirmationListener implements ExecutionListener {

    private final CancellationFeedback feedback;

    RecordCancellationConfirmationListener(CancellationFeedback feedback) {
        this.feedback = feedback;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        WizardInput.requireTrue(
                execution, DATA_LOSS_CONSENT, "the admin must agree that access to the data will be lost");
        Questionnaire answers = new Questionnaire(
                WizardInput.optionalText(execution, REPLACEMENT_PRODUCT, Questionnaire.MAX_REPLACEMENT_PRODUCT_LENGTH),
                WizardInput.optionalScore(execution, RECOMMENDATION_SCORE, Questionnaire.MAX_RECOMMENDATION_SCORE),
                WizardInput.optionalText(execution, OTHER_FEEDBACK, Questionnaire.MAX_OTHER_FEEDBACK_LENGTH));
        feedback.recordQuestionnaire(accountOf(execution), execution.getProcessInstanceId(), answers);
        REPLACEMENT_PRODUCT.remove(execution);
        RECOMMENDATION_SCORE.remove(execution);
        OTHER_FEEDBACK.remove(execution);
    }
}
