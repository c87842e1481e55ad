package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REQUEST_HOLDER_ERASURE;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AsyncContinuationJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.AsyncContinuationJobHandler.AsyncContinuationConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerCatchIntermediateEventJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler.TimerJobConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerExecuteNestedActivityJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/**
 * Every job of a cancellation (its asynchronous steps and its timers) runs in the account's turn, as the API's
 * commands and the wizard's steps do. The engine writes its rows when a command ends, in an order of its own: a mail
 * job that moved the access period on while a withdrawal on another node removed it deadlocked on PostgreSQL, each
 * waiting for a row the other had changed. With the account's row taken first, the later of the two waits before it
 * changes anything and meets an optimistic-locking conflict at worst.
 * <p>
 * The engine's own handlers are extended, not wrapped: it tells timers apart by their handler's class.
 */
@Component
class JobsInAccountTurn extends AbstractProcessEnginePlugin {

    private final AccountLifecycle lifecycle;

    JobsInAccountTurn(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    @SuppressWarnings("rawtypes") // the engine keeps its handlers in a raw list
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = new ArrayList<>();
        if (configuration.getCustomJobHandlers() != null) {
            handlers.addAll(configuration.getCustomJobHandlers());
        }
        handlers.add(new AsyncContinuationJobHandler() {
            @Override
            public void execute(
                    AsyncContinuationConfiguration job,
                    ExecutionEntity execution,
                    CommandContext context,
                    String tenantId) {
                takeTurn(execution, context);
                super.execute(job, execution, context, tenantId);
            }
        });
        handlers.add(new TimerCatchIntermediateEventJobHandler() {
            @Override
            public void execute(
                    TimerJobConfiguration job, ExecutionEntity execution, CommandContext context, String tenantId) {
                takeTurn(execution, context);
                super.execute(job, execution, context, tenantId);
            }
        });
        handlers.add(new TimerExecuteNestedActivityJobHandler() {
            @Override
            public void execute(
                    TimerJobConfiguration job, ExecutionEntity execution, CommandContext context, String tenantId) {
                takeTurn(execution, context);
                super.execute(job, execution, context, tenantId);
            }
        });
        configuration.setCustomJobHandlers(handlers);
    }

    /**
     * The engine loaded the job's execution before the job waited for its turn; a command that held the turn may
     * have ended that execution meanwhile (a withdrawal ends the access period with its mail step). Going on would
     * send a mail about what no longer holds, so the job stops as the optimistic-locking conflict it would meet at
     * the end anyway, which the job executor takes quietly.
     */
    private void takeTurn(ExecutionEntity execution, CommandContext context) {
        if (!PROCESS_KEY.equals(execution.getProcessDefinition().getKey())
                || TASK_REQUEST_HOLDER_ERASURE.equals(execution.getActivityId())) {
            // The requests to the data holders go out side by side (non-exclusive jobs): each changes only its own
            // holder's branch, and the account, locked and being erased, has nothing else going on.
            return;
        }
        if (execution.getProcessInstance() == null) {
            // The whole instance ended between the job's fetch and its run (an abandoned request, say).
            throw new OptimisticLockingException(
                    "Execution " + execution.getId() + " ended with its process instance before its job ran");
        }
        lifecycle.takeTurn(accountOf(execution));
        long stillThere = context.getProcessEngineConfiguration()
                .getRuntimeService()
                .createExecutionQuery()
                .executionId(execution.getId())
                .count();
        if (stillThere == 0) {
            throw new OptimisticLockingException(
                    "Execution " + execution.getId() + " ended while its job waited for the account's turn");
        }
    }
}
