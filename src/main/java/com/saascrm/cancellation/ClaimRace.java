package com.saascrm.cancellation;

import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claiming a wizard step, or giving a claim back, while the other admin claims or completes it. The engine answers
 * a claim of a task that someone else holds, or one that is gone, with exceptions that engine-rest turns into 500;
 * here they are the client errors they are (engine-rest: 400), saying why, and a claim that only met a concurrent
 * change is tried again.
 */
final class ClaimRace {

    private static final Logger log = LoggerFactory.getLogger(ClaimRace.class);
    private static final int MAX_ATTEMPTS = 3;

    private ClaimRace() {}

    static void settle(CommandExecutor commands, String taskId, Supplier<?> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                change.get();
                return;
            } catch (TaskAlreadyClaimedException
                    | OptimisticLockingException
                    | NullValueException
                    | AuthorizationException lost) {
                // A task completed while the claim reads it loses its authorizations before the claim checks them.
                if (!TaskCaller.of(commands, taskId).taskExists()) {
                    log.info("Claim of task {} came too late: the task was completed or ended", taskId);
                    throw new BadUserRequestException(
                            "task " + taskId + " is not open: it has been completed or does not exist");
                }
                if (lost instanceof TaskAlreadyClaimedException) {
                    throw new BadUserRequestException("task " + taskId + " is already claimed by someone else");
                }
                if (lost instanceof NullValueException
                        || lost instanceof AuthorizationException
                        || attempt == MAX_ATTEMPTS) {
                    throw lost;
                }
                log.info("Claim of task {} met a concurrent change, trying again", taskId);
            }
        }
    }
}
