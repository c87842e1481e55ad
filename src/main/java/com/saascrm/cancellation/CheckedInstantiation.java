package com.saascrm.cancellation;

import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;

/**
 * A process start that refuses Java-serialized variables before the engine fails on them. engine-rest's start answers
 * every engine exception with 500 and passes only its own exceptions' status through, hence the REST exception:
 * for any other caller it is a plain runtime exception with the same message.
 */
final class CheckedInstantiation extends ProcessInstantiationBuilderImpl {

    private CheckedInstantiation(CommandExecutor commandExecutor) {
        super(commandExecutor);
    }

    static ProcessInstantiationBuilder byId(CommandExecutor commandExecutor, String processDefinitionId) {
        CheckedInstantiation builder = new CheckedInstantiation(commandExecutor);
        builder.processDefinitionId = processDefinitionId;
        return builder;
    }

    static ProcessInstantiationBuilder byKey(CommandExecutor commandExecutor, String processDefinitionKey) {
        CheckedInstantiation builder = new CheckedInstantiation(commandExecutor);
        builder.processDefinitionKey = processDefinitionKey;
        return builder;
    }

    @Override
    public ProcessInstanceWithVariables executeWithVariablesInReturn(
            boolean skipCustomListeners, boolean skipIoMappings) {
        JavaSerializedValues.firstIn(getVariables()).ifPresent(name -> {
            throw new InvalidRequestException(Status.BAD_REQUEST, JavaSerializedValues.refusal(name));
        });
        return super.executeWithVariablesInReturn(skipCustomListeners, skipIoMappings);
    }
}
