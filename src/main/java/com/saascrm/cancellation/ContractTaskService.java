package com.saascrm.cancellation;

import java.io.InputStream;
import java.util.Collection;
import java.util.Map;

import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's task service with the wizard's trust boundary in front (see {@link EngineApiGuard}). Overloads
 * that the base class routes through another method are guarded there.
 */
class ContractTaskService extends TaskServiceImpl {

    private static final String WRITE_VARIABLES = "write task variables outside a completion";
    private static final String THROW_EVENTS = "throw BPMN errors or escalations from a task";
    private static final String ANNOTATE = "add comments or attachments to a task";
    private static final String DELETE = "delete tasks";

    private final StepCompletion completion;

    ContractTaskService(StepCompletion completion) {
        this.completion = completion;
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        completion.complete(commandExecutor, taskId, variables, () -> {
            super.complete(taskId, variables);
            return null;
        });
    }

    @Override
    public VariableMap completeWithVariablesInReturn(
            String taskId, Map<String, Object> variables, boolean deserializeValues) {
        return completion.complete(
                commandExecutor,
                taskId,
                variables,
                () -> super.completeWithVariablesInReturn(taskId, variables, deserializeValues));
    }

    @Override
    protected void setVariables(String taskId, Map<String, ?> variables, boolean local) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.setVariables(taskId, variables, local);
    }

    @Override
    protected void updateVariables(
            String taskId, Map<String, ?> modifications, Collection<String> deletions, boolean local) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.updateVariables(taskId, modifications, deletions, local);
    }

    @Override
    public void removeVariable(String taskId, String variableName) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.removeVariable(taskId, variableName);
    }

    @Override
    public void removeVariableLocal(String taskId, String variableName) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.removeVariableLocal(taskId, variableName);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> variableNames) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.removeVariables(taskId, variableNames);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> variableNames) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.removeVariablesLocal(taskId, variableNames);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        EngineCaller.of(commandExecutor).requirePrivileged(WRITE_VARIABLES);
        super.resolveTask(taskId, variables);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode) {
        EngineCaller.of(commandExecutor).requirePrivileged(THROW_EVENTS);
        super.handleBpmnError(taskId, errorCode);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
        EngineCaller.of(commandExecutor).requirePrivileged(THROW_EVENTS);
        super.handleBpmnError(taskId, errorCode, errorMessage);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        EngineCaller.of(commandExecutor).requirePrivileged(THROW_EVENTS);
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode) {
        EngineCaller.of(commandExecutor).requirePrivileged(THROW_EVENTS);
        super.handleEscalation(taskId, escalationCode);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        EngineCaller.of(commandExecutor).requirePrivileged(THROW_EVENTS);
        super.handleEscalation(taskId, escalationCode, variables);
    }

    /** Free text kept in the history beyond the wizard's contract: nobody working on a step needs it. */
    @Override
    public Comment createComment(String taskId, String processInstanceId, String message) {
        EngineCaller.of(commandExecutor).requirePrivileged(ANNOTATE);
        return super.createComment(taskId, processInstanceId, message);
    }

    @Override
    public void updateTaskComment(String taskId, String commentId, String message) {
        EngineCaller.of(commandExecutor).requirePrivileged(ANNOTATE);
        super.updateTaskComment(taskId, commentId, message);
    }

    @Override
    public Attachment createAttachment(
            String attachmentType,
            String taskId,
            String processInstanceId,
            String attachmentName,
            String attachmentDescription,
            InputStream content) {
        EngineCaller.of(commandExecutor).requirePrivileged(ANNOTATE);
        return super.createAttachment(
                attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, content);
    }

    @Override
    public Attachment createAttachment(
            String attachmentType,
            String taskId,
            String processInstanceId,
            String attachmentName,
            String attachmentDescription,
            String url) {
        EngineCaller.of(commandExecutor).requirePrivileged(ANNOTATE);
        return super.createAttachment(
                attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, url);
    }

    /** Camunda refuses to delete a process's task only after looking, and answers engine-rest with 500. */
    @Override
    public void deleteTask(String taskId) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTask(taskId);
    }

    @Override
    public void deleteTask(String taskId, boolean cascade) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTask(taskId, cascade);
    }

    @Override
    public void deleteTask(String taskId, String deleteReason) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTask(taskId, deleteReason);
    }

    @Override
    public void deleteTasks(Collection<String> taskIds) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTasks(taskIds);
    }

    @Override
    public void deleteTasks(Collection<String> taskIds, boolean cascade) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTasks(taskIds, cascade);
    }

    @Override
    public void deleteTasks(Collection<String> taskIds, String deleteReason) {
        EngineCaller.of(commandExecutor).requirePrivileged(DELETE);
        super.deleteTasks(taskIds, deleteReason);
    }

    /**
     * Tasklist's Unclaim sets the assignee to nobody, which needs the right to assign tasks, so a candidate would
     * see the engine refuse to let go of her own claim. Giving back one's own claim is allowed here; the rest of
     * assigning stays with the engine's checks.
     */
    @Override
    public void setAssignee(String taskId, String userId) {
        TaskCaller caller = caller(taskId);
        if (caller.givesBackOwnClaim(userId)) {
            ClaimRace.settle(
                    commandExecutor,
                    taskId,
                    () -> completion.inAccountTurn(commandExecutor, caller, () -> {
                        CommandContext context = Context.getCommandContext();
                        context.disableAuthorizationCheck();
                        try {
                            return new AssignTaskCmd(taskId, null).execute(context);
                        } finally {
                            context.enableAuthorizationCheck();
                        }
                    }));
            return;
        }
        super.setAssignee(taskId, userId);
    }

    /** In the account's turn, like a completion: a claim must not read a task whose instance is ending. */
    @Override
    public void claim(String taskId, String userId) {
        TaskCaller caller = caller(taskId);
        ClaimRace.settle(
                commandExecutor,
                taskId,
                () -> completion.inAccountTurn(commandExecutor, caller, () -> {
                    super.claim(taskId, userId);
                    return null;
                }));
    }

    private TaskCaller caller(String taskId) {
        return TaskCaller.of(commandExecutor, taskId);
    }
}
