package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_AWAIT_HOLDER_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.AWAITED_HOLDER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ERASURE_HOLDER;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A holder let its deadline pass: operations get an incident on the step that waits for it, naming the holder and
 * the account, and the erasure goes on waiting. A late confirmation resolves it (see
 * {@link HolderErasureConfirmation}); Cockpit shows which holder is pending in the meantime.
 */
@Component("reportOverdueHolder")
class ReportOverdueHolderDelegate implements JavaDelegate {

    static final String INCIDENT_TYPE = "erasureHolderOverdue";
    private static final Logger log = LoggerFactory.getLogger(ReportOverdueHolderDelegate.class);

    private final RuntimeService runtimeService;
    private final ErasureHolders holders;

    ReportOverdueHolderDelegate(RuntimeService runtimeService, ErasureHolders holders) {
        this.runtimeService = runtimeService;
        this.holders = holders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String holder = ERASURE_HOLDER.get(execution);
        String accountId = accountOf(execution);
        Execution waiting = runtimeService
                .createExecutionQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .activityId(TASK_AWAIT_HOLDER_CONFIRMATION)
                .variableValueEquals(AWAITED_HOLDER.name(), holder)
                .singleResult();
        String message = "The erasure holder '" + holder + "' has not confirmed the erasure of account '" + accountId
                + "' within " + holders.deadlineOf(holder) + ": ask its operators; its confirmation still completes it";
        runtimeService.createIncident(INCIDENT_TYPE, waiting.getId(), holder, message);
        log.warn(message);
    }
}
