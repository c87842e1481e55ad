package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import com.saascrm.account.Account;
import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.account.UnknownAccountException;
import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.cancellation.AccountCancellationProcess.Variables;
import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.erasure.AccountErasure;
import com.saascrm.erasure.ErasureRecord;

/** Reads the status of an account's latest cancellation from the engine and the domain. */
@Service
public class CancellationStatusQuery {

    private static final Map<String, State> OUTCOMES = Map.of(
            Elements.EVENT_WITHDRAWN, State.WITHDRAWN,
            Elements.EVENT_REOPENED, State.REOPENED,
            Elements.EVENT_ABANDONED, State.ABANDONED,
            Elements.EVENT_DELETED, State.DELETED);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final ManagementService managementService;
    private final Accounts accounts;
    private final AccountErasure erasure;

    CancellationStatusQuery(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
                            ManagementService managementService, Accounts accounts, AccountErasure erasure) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.managementService = managementService;
        this.accounts = accounts;
        this.erasure = erasure;
    }

    /**
     * Empty when the account exists but was never cancelled; unknown accounts throw. A read while the instance moves
     * on or ends answers the state before or after: every part is read with queries that find nothing rather than
     * fail when the instance has just gone, and an instance that ended during the read is read again as ended.
     */
    public Optional<CancellationStatus> of(String accountId) {
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty()) {
            ErasureRecord erased = erasure.recordOf(accountId).filter(record -> record.erasedAt() != null)
                    .orElseThrow(() -> new UnknownAccountException(accountId));
            return Optional.of(new CancellationStatus(accountId, State.DELETED, null, null, erased.erasedAt(), null));
        }
        ProcessInstance running = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(accountId).singleResult();
        if (running != null) {
            CancellationStatus status = runningStatus(account.get(), running);
            if (stillRunning(running)) {
                return Optional.of(status);
            }
        }
        return latestEnded(accountId);
    }

    private boolean stillRunning(ProcessInstance instance) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1;
    }

    private CancellationStatus runningStatus(Account account, ProcessInstance instance) {
        Map<String, Object> variables = runtimeService.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
                .variableNameIn(Variables.ACCESS_ENDS_AT.name(), Variables.DELETION_DUE_AT.name()).list().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(VariableInstance::getName, VariableInstance::getValue, (first, second) -> first));
        Instant accessEndsAt = instant(variables.get(Variables.ACCESS_ENDS_AT.name()));
        Instant deletionDueAt = instant(variables.get(Variables.DELETION_DUE_AT.name()));
        Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).list().stream().findFirst().orElse(null);
        State state;
        if (task != null || accessEndsAt == null) {
            state = State.IN_PROGRESS;
        } else if (isAt(instance, Elements.TASK_SEND_WITHDRAWAL_CONFIRMATION)) {
            state = State.WITHDRAWN;
        } else if (isAt(instance, Elements.TASK_SEND_REOPENING_CONFIRMATION)) {
            state = State.REOPENED;
        } else {
            state = account.status() == AccountStatus.LOCKED ? State.LOCKED : State.CANCELLED;
        }
        return new CancellationStatus(account.id(), state, task == null ? null : task.getTaskDefinitionKey(),
                accessEndsAt, deletionDueAt, instance.getId());
    }

    /** At an asynchronous step: its job waits, runs or has failed there, and is gone once the step is done. */
    private boolean isAt(ProcessInstance instance, String asyncActivityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(asyncActivityId).count() > 0;
    }

    /** The last cancellation that ended with an outcome; refused starts are not cancellations. */
    private Optional<CancellationStatus> latestEnded(String accountId) {
        List<HistoricProcessInstance> ended = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(accountId).finished()
                .orderByProcessInstanceEndTime().desc().list();
        return ended.stream()
                .filter(instance -> OUTCOMES.containsKey(instance.getEndActivityId()))
                .findFirst()
                .map(instance -> new CancellationStatus(accountId, OUTCOMES.get(instance.getEndActivityId()), null,
                        historicInstant(instance, Variables.ACCESS_ENDS_AT.name()),
                        historicInstant(instance, Variables.DELETION_DUE_AT.name()), instance.getId()));
    }

    private Instant historicInstant(HistoricProcessInstance instance, String name) {
        HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).singleResult();
        return variable == null ? null : instant(variable.getValue());
    }

    private static Instant instant(Object isoText) {
        return isoText == null ? null : Instant.parse((String) isoText);
    }
}
