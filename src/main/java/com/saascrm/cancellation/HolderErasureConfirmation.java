package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_AWAIT_HOLDER_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.AWAITED_HOLDER;

import java.time.Clock;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.erasure.HolderConfirmations;
import com.saascrm.erasure.InvalidErasureCallbackException;

/**
 * A holder's confirmation that it deleted an account's data, once its signature is checked: recorded for the
 * certificate, and the erasure at that holder ends. An overdue incident is resolved with it. A confirmation sent
 * again changes nothing.
 */
@Service
public class HolderErasureConfirmation {

    private static final Logger log = LoggerFactory.getLogger(HolderErasureConfirmation.class);

    private final RuntimeService runtimeService;
    private final AccountLifecycle lifecycle;
    private final HolderConfirmations confirmations;
    private final TransactionTemplate transaction;
    private final Clock clock;

    HolderErasureConfirmation(
            RuntimeService runtimeService,
            AccountLifecycle lifecycle,
            HolderConfirmations confirmations,
            TransactionTemplate transaction,
            Clock clock) {
        this.runtimeService = runtimeService;
        this.lifecycle = lifecycle;
        this.confirmations = confirmations;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * @return true when this confirmation ended the wait, false when the holder had confirmed before
     * @throws CancellationStateException       when no erasure of the account waits for this holder
     * @throws InvalidErasureCallbackException when the erasure id is not the one the holder was sent
     */
    public boolean confirm(String holder, String accountId, String erasureId, Map<String, Long> deleted) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            lifecycle.takeTurn(accountId);
            Execution waiting = runtimeService
                    .createExecutionQuery()
                    .processInstanceBusinessKey(accountId)
                    .activityId(TASK_AWAIT_HOLDER_CONFIRMATION)
                    .variableValueEquals(AWAITED_HOLDER.name(), holder)
                    .singleResult();
            if (waiting == null) {
                if (confirmations.of(accountId).stream()
                        .anyMatch(done -> done.holder().equals(holder) && done.confirmedAt() != null)) {
                    return false;
                }
                throw new CancellationStateException("No erasure of account '" + accountId
                        + "' waits for a confirmation from the holder '" + holder + "'");
            }
            if (!ErasureHolders.erasureId(waiting.getProcessInstanceId(), holder)
                    .equals(erasureId)) {
                throw new InvalidErasureCallbackException(
                        "The erasureId is not the one sent with the request to erase account '" + accountId + "'");
            }
            confirmations.confirm(accountId, holder, deleted, clock.instant());
            for (Incident overdue : runtimeService
                    .createIncidentQuery()
                    .executionId(waiting.getId())
                    .incidentType(ReportOverdueHolderDelegate.INCIDENT_TYPE)
                    .list()) {
                runtimeService.resolveIncident(overdue.getId());
            }
            runtimeService
                    .createMessageCorrelation(Messages.HOLDER_ERASURE_CONFIRMED)
                    .processInstanceId(waiting.getProcessInstanceId())
                    .localVariableEquals(AWAITED_HOLDER.name(), holder)
                    .correlate();
            log.info("Erasure holder {} confirmed the erasure of account {}", holder, accountId);
            return true;
        }));
    }
}
