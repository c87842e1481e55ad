package com.saascrm.cancellation;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Validates what a wizard step submits. It throws {@link FormFieldValidationException} because that is the one
 * engine exception that engine-rest answers with HTTP 400 and Tasklist shows next to the form; the whole
 * completion is rolled back, so the task stays open and nothing changes.
 * <p>
 * The checks run in an {@code end} execution listener of the user task, not in a {@code complete} task listener:
 * Camunda 7.24 wraps every exception of a task listener into a plain ProcessEngineException (engine-rest: 500),
 * while a runtime exception of an execution listener reaches the caller unchanged. A step that ends because it
 * is cancelled (idle timer, abandoned request) is not checked.
 */
final class WizardInput {

    private WizardInput() {}

    static <E extends Enum<E>> E requiredChoice(
            VariableScope scope, ProcessVariable<String> variable, Class<E> choices) {
        Object value = scope.getVariable(variable.name());
        String allowed =
                Arrays.stream(choices.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (!(value instanceof String code) || code.isBlank()) {
            throw invalid(variable, "is required: one of " + allowed);
        }
        return Arrays.stream(choices.getEnumConstants())
                .filter(choice -> choice.name().equals(code))
                .findFirst()
                .orElseThrow(() -> invalid(variable, "must be one of " + allowed));
    }

    static String optionalText(VariableScope scope, ProcessVariable<String> variable, int maxLength) {
        Object value = scope.getVariable(variable.name());
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(variable, "must be text");
        }
        if (text.length() > maxLength) {
            throw invalid(variable, "must be at most " + maxLength + " characters long");
        }
        return text.isBlank() ? null : text.strip();
    }

    static Integer optionalScore(VariableScope scope, ProcessVariable<Number> variable, int max) {
        Object value = scope.getVariable(variable.name());
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.intValue() < 0
                || number.intValue() > max) {
            throw invalid(variable, "must be a whole number from 0 to " + max);
        }
        return number.intValue();
    }

    static void requireTrue(VariableScope scope, ProcessVariable<Boolean> variable, String why) {
        if (!Boolean.TRUE.equals(scope.getVariable(variable.name()))) {
            throw invalid(variable, "must be true: " + why);
        }
    }

    private static FormFieldValidationException invalid(ProcessVariable<?> variable, String problem) {
        return new FormFieldValidationException(variable.name(), variable.name() + " " + problem);
    }
}
