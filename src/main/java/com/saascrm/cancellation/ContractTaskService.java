package com.saascrm.cancellation;

import java.io.InputStream;
import java.util.Collection;
import java.util.Map;

import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's task service with the wizard's trust boundary in front (see {@link WizardTaskRoutes}). Overloads
 * that the base class routes through another method are guarded there.
 */
class ContractTaskService extends TaskServiceImpl {

    private static final String UPDATE_VARIABLE = "UPDATE_VARIABLE";
    private static final String UPDATE = "UPDATE";

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        caller(taskId).requireCompletable(taskId, variables);
        super.complete(taskId, variables);
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserializeValues) {
        caller(taskId).requireCompletable(taskId, variables);
        return super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
    }

    @Override
    protected void setVariables(String taskId, Map<String, ?> variables, boolean local) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.setVariables(taskId, variables, local);
    }

    @Override
    protected void updateVariables(String taskId, Map<String, ?> modifications, Collection<String> deletions, boolean local) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.updateVariables(taskId, modifications, deletions, local);
    }

    @Override
    public void removeVariable(String taskId, String variableName) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.removeVariable(taskId, variableName);
    }

    @Override
    public void removeVariableLocal(String taskId, String variableName) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.removeVariableLocal(taskId, variableName);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> variableNames) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.removeVariables(taskId, variableNames);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> variableNames) {
        caller(taskId).requirePrivileged(taskId, UPDATE_VARIABLE);
        super.removeVariablesLocal(taskId, variableNames);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.resolveTask(taskId, variables);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.handleBpmnError(taskId, errorCode);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.handleBpmnError(taskId, errorCode, errorMessage);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.handleEscalation(taskId, escalationCode);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.handleEscalation(taskId, escalationCode, variables);
    }

    /** Free text kept in the history beyond the wizard's contract: nobody working on a step needs it. */
    @Override
    public Comment createComment(String taskId, String processInstanceId, String message) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        return super.createComment(taskId, processInstanceId, message);
    }

    @Override
    public void updateTaskComment(String taskId, String commentId, String message) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        super.updateTaskComment(taskId, commentId, message);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, InputStream content) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, content);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, String url) {
        caller(taskId).requirePrivileged(taskId, UPDATE);
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, url);
    }

    private TaskCaller caller(String taskId) {
        return TaskCaller.of(commandExecutor, taskId);
    }
}
