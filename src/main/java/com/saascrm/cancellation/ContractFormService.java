package com.saascrm.cancellation;

import java.util.Map;

import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** The engine's form service with the wizard's variables contract in front of every task form submission. */
class ContractFormService extends FormServiceImpl {

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        TaskCaller.of(commandExecutor, taskId).requireCompletable(taskId, properties);
        super.submitTaskForm(taskId, properties);
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
                                                           boolean deserializeValues) {
        TaskCaller.of(commandExecutor, taskId).requireCompletable(taskId, properties);
        return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
    }
}
