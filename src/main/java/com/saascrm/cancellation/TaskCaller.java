package com.saascrm.cancellation;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * What the guarded task and form services need to know before the real command runs. It is read in a command of
 * its own, and refusals are thrown outside it, so that a refused request is not logged as an engine error.
 *
 * @param taskExists whether the task is there (it is gone once completed)
 * @param mayWork    whether the caller may complete it; when not, the engine's own check answers
 * @param step       the task's definition key
 * @param assignee   who has claimed it
 * @param accountId  the account whose cancellation the task belongs to; none for a task outside a process
 */
record TaskCaller(
        EngineCaller caller, boolean taskExists, boolean mayWork, String step, String assignee, String accountId) {

    static TaskCaller of(CommandExecutor commands, String taskId) {
        return commands.execute(context -> {
            EngineCaller caller = EngineCaller.of(context);
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return new TaskCaller(caller, false, false, null, null, null);
            }
            String accountId = task.getProcessInstance() == null
                    ? null
                    : task.getProcessInstance().getBusinessKey();
            return new TaskCaller(
                    caller, true, mayWork(context, task), task.getTaskDefinitionKey(), task.getAssignee(), accountId);
        });
    }

    private static boolean mayWork(CommandContext context, TaskEntity task) {
        try {
            for (CommandChecker checker :
                    context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkTaskWork(task);
            }
            return true;
        } catch (AuthorizationException notAllowed) {
            return false;
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

    /** A candidate who claimed a step may give it back (Tasklist's Unclaim), though not hand it to someone else. */
    boolean givesBackOwnClaim(String newAssignee) {
        return newAssignee == null && mayWork && assignee != null && assignee.equals(caller.userId());
    }
}
