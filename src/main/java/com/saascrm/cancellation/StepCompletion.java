package com.saascrm.cancellation;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the guarded task and form services complete a wizard step. The caller's submission is checked against the
 * step's contract first. The completion then runs in the account's turn, like every command on the account
 * ({@link CancellationCommands}): two admins completing the same step, or one completing it while the other
 * abandons the wizard, run one after the other instead of meeting half-done changes in the engine (where the
 * second would fail on a duplicate feedback row or an execution tree read half before and half after the first).
 * The one that comes second gets the answer it would have got a moment later: the task is not open any more.
 */
final class StepCompletion {

    private static final Logger log = LoggerFactory.getLogger(StepCompletion.class);
    private static final int MAX_ATTEMPTS = 3;

    private final Consumer<String> accountTurn;

    /** @param accountTurn makes the rest of the current transaction the given account's turn */
    StepCompletion(Consumer<String> accountTurn) {
        this.accountTurn = accountTurn;
    }

    <T> T complete(CommandExecutor commands, String taskId, Map<String, ?> variables, Supplier<T> completion) {
        TaskCaller caller = TaskCaller.of(commands, taskId);
        caller.requireCompletable(taskId, variables);
        for (int attempt = 1; ; attempt++) {
            try {
                return inAccountTurn(commands, caller, completion);
            } catch (OptimisticLockingException | NullValueException lost) {
                // A job (a mail step, a timer) does not wait for the account's turn, so a conflict with one is
                // still possible; the whole completion was rolled back and may run again.
                if (!TaskCaller.of(commands, taskId).taskExists()) {
                    log.info("Completion of task {} came second: the task was completed or ended meanwhile", taskId);
                    throw new TaskNotOpenException(taskId);
                }
                if (lost instanceof NullValueException || attempt == MAX_ATTEMPTS) {
                    throw lost;
                }
                log.info("Completion of task {} met a concurrent change, trying again", taskId);
            }
        }
    }

    /** Runs {@code work} in one engine command that first takes the turn of the task's account, if it has one. */
    <T> T inAccountTurn(CommandExecutor commands, TaskCaller caller, Supplier<T> work) {
        return commands.execute(context -> {
            if (caller.accountId() != null) {
                accountTurn.accept(caller.accountId());
            }
            return work.get();
        });
    }
}
