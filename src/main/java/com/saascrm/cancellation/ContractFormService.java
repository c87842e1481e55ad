package com.saascrm.cancellation;

import java.util.Map;

import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's form service with the wizard's variables contract in front of every task form submission, and start
 * forms that refuse Java-serialized values before the engine fails on them (engine-rest: 500).
 */
class ContractFormService extends FormServiceImpl {

    private final StepCompletion completion;

    ContractFormService(StepCompletion completion) {
        this.completion = completion;
    }

    @Override
    public ProcessInstance submitStartForm(String processDefinitionId, Map<String, Object> properties) {
        refuseJavaSerialized(properties);
        return super.submitStartForm(processDefinitionId, properties);
    }

    @Override
    public ProcessInstance submitStartForm(
            String processDefinitionId, String businessKey, Map<String, Object> properties) {
        refuseJavaSerialized(properties);
        return super.submitStartForm(processDefinitionId, businessKey, properties);
    }

    private static void refuseJavaSerialized(Map<String, Object> properties) {
        JavaSerializedValues.firstIn(properties).ifPresent(name -> {
            throw new FormFieldValidationException(name, JavaSerializedValues.refusal(name));
        });
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        completion.complete(commandExecutor, taskId, properties, () -> {
            super.submitTaskForm(taskId, properties);
            return null;
        });
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(
            String taskId, Map<String, Object> properties, boolean deserializeValues) {
        return completion.complete(
                commandExecutor,
                taskId,
                properties,
                () -> super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues));
    }
}
