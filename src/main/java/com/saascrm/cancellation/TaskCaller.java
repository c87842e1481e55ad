package com.saascrm.cancellation;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * What the guarded services need to know about the caller and the task before the real command runs. It is read
 * in a command of its own, and refusals are thrown outside it, so that a refused request is not logged as an
 * engine error.
 *
 * @param userId     the authenticated user, or null for the application's own calls, which the engine trusts
 * @param privileged the application itself or a Camunda admin
 * @param taskExists whether the task is there (it is gone once completed)
 * @param mayWork    whether the caller may complete it; when not, the engine's own check answers
 * @param step       the task's definition key
 */
record TaskCaller(String userId, boolean privileged, boolean taskExists, boolean mayWork, String step) {

    static TaskCaller of(CommandExecutor commands, String taskId) {
        return commands.execute(context -> {
            String userId = context.getAuthenticatedUserId();
            boolean privileged = userId == null || context.getAuthorizationManager().isCamundaAdmin(context.getAuthentication());
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return new TaskCaller(userId, privileged, false, false, null);
            }
            return new TaskCaller(userId, privileged, true, mayWork(context, task), task.getTaskDefinitionKey());
        });
    }

    private static boolean mayWork(CommandContext context, TaskEntity task) {
        try {
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkTaskWork(task);
            }
            return true;
        } catch (AuthorizationException notAllowed) {
            return false;
        }
    }

    /** Refuses a route that only Camunda admins (and the application) may use, whether or not the task exists. */
    void requirePrivileged(String taskId, String permission) {
        if (!privileged) {
            throw new AuthorizationException(userId, permission, Resources.TASK.resourceName(), taskId);
        }
    }

    /**
     * Checks a completion: a task that is gone is a client error (engine-rest would answer 500), a caller who may
     * not work on the task gets the engine's own refusal, and anyone else may send the step's variables only.
     */
    void requireCompletable(String taskId, Map<String, ?> variables) {
        if (!taskExists) {
            throw new TaskNotOpenException(taskId);
        }
        if (mayWork) {
            WizardTaskContract.check(step, variables);
        }
    }
}
