package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONSIDER_RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SUBMIT_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.OTHER_FEEDBACK;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REASON_COMMENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RECOMMENDATION_SCORE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REPLACEMENT_PRODUCT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ANSWER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The variables contract: what each wizard step takes from the user who completes it, and nothing else. A user
 * who may complete a task may send any variable with it as far as the engine is concerned; this is where the
 * process says which. Every other variable is the process's own.
 */
public final class WizardTaskContract {

    private static final Map<String, List<ProcessVariable<?>>> STEPS = Map.of(
            TASK_REVIEW_ACCOUNT_DATA, List.of(REVIEW_DECISION),
            TASK_SUBMIT_REASON, List.of(CANCELLATION_REASON, REASON_COMMENT),
            TASK_CONSIDER_RETENTION_OFFER, List.of(RETENTION_OFFER_ANSWER),
            TASK_CONFIRM_CANCELLATION,
                    List.of(DATA_LOSS_CONSENT, REPLACEMENT_PRODUCT, RECOMMENDATION_SCORE, OTHER_FEEDBACK));

    private WizardTaskContract() {}

    /** The names a step takes, in the order of its form; none for anything that is not a wizard step. */
    public static List<String> variablesOf(String taskDefinitionKey) {
        return STEPS.getOrDefault(taskDefinitionKey, List.of()).stream()
                .map(ProcessVariable::name)
                .toList();
    }

    /**
     * Refuses a submission that writes anything outside the step's contract, or a value of another type. It throws
     * {@link FormFieldValidationException} because that is what engine-rest answers with 400 and Tasklist shows on
     * the form. Whether the values are valid (required, allowed codes, lengths) is the step's own check.
     */
    static void check(String taskDefinitionKey, Map<String, ?> submitted) {
        if (submitted == null || submitted.isEmpty()) {
            return;
        }
        List<ProcessVariable<?>> contract = STEPS.getOrDefault(taskDefinitionKey, List.of());
        for (String name : submitted.keySet()) {
            ProcessVariable<?> variable = contract.stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> notInContract(taskDefinitionKey, name, contract));
            if (!hasType(submittedValue(submitted, name), variable.storedType())) {
                throw new FormFieldValidationException(
                        variable.name(), variable.name() + " must be a " + typeName(variable.storedType()));
            }
        }
    }

    /** What a caller sent under {@code name}, typed where it came typed: never deserialized on the way. */
    static Object submittedValue(Map<String, ?> submitted, String name) {
        // A VariableMap's plain get() would deserialize an object value to hand it out.
        return submitted instanceof VariableMap typed ? typed.getValueTyped(name) : submitted.get(name);
    }

    /** A plain value or an engine-rest typed one; serialized objects are never deserialized to look at them. */
    private static boolean hasType(Object submitted, Class<?> type) {
        if (submitted instanceof SerializableValue) {
            return false;
        }
        Object value = submitted instanceof TypedValue typed ? typed.getValue() : submitted;
        return value == null || type.isInstance(value);
    }

    private static FormFieldValidationException notInContract(
            String step, String name, List<ProcessVariable<?>> contract) {
        String allowed = contract.isEmpty()
                ? "no variables"
                : contract.stream().map(ProcessVariable::name).collect(Collectors.joining(", "));
        return new FormFieldValidationException(
                printable(name),
                "variable " + printable(name) + " is not part of step " + step + ", which takes " + allowed);
    }

    private static String typeName(Class<?> type) {
        return Number.class.equals(type) ? "whole number" : type.getSimpleName();
    }

    /** Names come from the caller: shortened and without control characters before they are echoed. */
    private static String printable(String name) {
        String visible = name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 64 ? visible.substring(0, 64) + "..." : visible;
    }
}
