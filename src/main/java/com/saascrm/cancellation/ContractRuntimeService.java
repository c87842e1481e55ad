package com.saascrm.cancellation;

import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.runtime.ConditionEvaluationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.runtime.SignalEventReceivedBuilder;

/**
 * The engine's runtime service with starts that refuse Java-serialized variables ({@link CheckedInstantiation}), and
 * without the events that users could send to instances they cannot see. Camunda
 * checks a correlation against the instance it found, so a refusal told a stranger whether, and where, another
 * account was cancelling. People act on a cancellation through {@code /api}, which decides per account and then
 * correlates as the application; through the engine's API only Camunda admins send messages, signals or conditions,
 * and everyone else gets the same answer whatever they name.
 */
class ContractRuntimeService extends RuntimeServiceImpl {

    @Override
    public ProcessInstantiationBuilder createProcessInstanceById(String processDefinitionId) {
        return CheckedInstantiation.byId(commandExecutor, processDefinitionId);
    }

    @Override
    public ProcessInstantiationBuilder createProcessInstanceByKey(String processDefinitionKey) {
        return CheckedInstantiation.byKey(commandExecutor, processDefinitionKey);
    }

    @Override
    public MessageCorrelationBuilder createMessageCorrelation(String messageName) {
        EngineCaller.of(commandExecutor).requirePrivileged("correlate messages");
        return super.createMessageCorrelation(messageName);
    }

    @Override
    public SignalEventReceivedBuilder createSignalEvent(String signalName) {
        EngineCaller.of(commandExecutor).requirePrivileged("send signals");
        return super.createSignalEvent(signalName);
    }

    @Override
    public ConditionEvaluationBuilder createConditionEvaluation() {
        EngineCaller.of(commandExecutor).requirePrivileged("evaluate start conditions");
        return super.createConditionEvaluation();
    }
}
