package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REASON_COMMENT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.feedback.CancellationReason;

/** Validates the reason step and moves its free-text comment out of the process into the domain. */
@Component("recordCancellationReason")
class RecordCancellationReasonListener implements ExecutionListener {

    private final CancellationFeedback feedback;

    RecordCancellationReasonListener(CancellationFeedback feedback) {
        this.feedback = feedback;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        CancellationReason reason =
                WizardInput.requiredChoice(execution, CANCELLATION_REASON, CancellationReason.class);
        String comment =
                WizardInput.optionalText(execution, REASON_COMMENT, CancellationFeedback.MAX_REASON_COMMENT_LENGTH);
        feedback.recordReason(accountOf(execution), execution.getProcessInstanceId(), reason, comment);
        REASON_COMMENT.remove(execution);
    }
}
