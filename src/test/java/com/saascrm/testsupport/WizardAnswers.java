package com.saascrm.testsupport;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.OTHER_FEEDBACK;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REASON_COMMENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RECOMMENDATION_SCORE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REPLACEMENT_PRODUCT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.engine.ProcessEngine;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;

/**
 * The one wizard fixture: valid answers to the three steps, plain or with free text in every field, and the ways
 * tests give them (the Java API as the application does, or any other route through {@link #steps()}).
 */
public record WizardAnswers(Map<String, Object> review, Map<String, Object> reason, Map<String, Object> confirmation) {

    /** Continue, a reason code, the consent: no free text. */
    public static WizardAnswers plain() {
        return new WizardAnswers(
                Map.of(REVIEW_DECISION.name(), "CONTINUE"),
                Map.of(CANCELLATION_REASON.name(), "UNUSED"),
                Map.of(DATA_LOSS_CONSENT.name(), true));
    }

    /** Every field filled, each free text carrying {@code text} so that a test can look for it afterwards. */
    public static WizardAnswers withFreeText(String reason, String text) {
        Map<String, Object> confirmation = new LinkedHashMap<>();
        confirmation.put(DATA_LOSS_CONSENT.name(), true);
        confirmation.put(REPLACEMENT_PRODUCT.name(), "Product " + text);
        confirmation.put(RECOMMENDATION_SCORE.name(), 4L);
        confirmation.put(OTHER_FEEDBACK.name(), "Feedback " + text);
        return new WizardAnswers(
                Map.of(REVIEW_DECISION.name(), "CONTINUE"),
                Map.of(CANCELLATION_REASON.name(), reason, REASON_COMMENT.name(), "Comment " + text),
                confirmation);
    }

    /** Each step's key with its answers, in the wizard's order. */
    public Map<String, Map<String, Object>> steps() {
        Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
        steps.put(Elements.TASK_REVIEW_ACCOUNT_DATA, review);
        steps.put(Elements.TASK_SUBMIT_REASON, reason);
        steps.put(Elements.TASK_CONFIRM_CANCELLATION, confirmation);
        return steps;
    }

    /** Completes the three steps of the instance through the engine's Java API, as the caller is authenticated. */
    public void complete(ProcessEngine engine, String instanceId) {
        for (Map<String, Object> step : List.of(review, reason, confirmation)) {
            String taskId = engine.getTaskService()
                    .createTaskQuery()
                    .processInstanceId(instanceId)
                    .singleResult()
                    .getId();
            engine.getTaskService().complete(taskId, step);
        }
    }

    /** Gives the answers step by step to {@code completion}, which completes the open task its own way. */
    public void completeEach(Consumer<Map<String, Object>> completion) {
        List.of(review, reason, confirmation).forEach(completion);
    }
}
