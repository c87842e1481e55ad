package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
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
import com.saascrm.account.Subscription;
import com.saascrm.account.UnknownAccountException;
import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.cancellation.AccountCancellationProcess.Variables;
import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.erasure.AccountErasure;
import com.saascrm.erasure.ErasureRecord;
import com.saascrm.erasure.ErasureRequests;
import com.saascrm.erasure.ErasureRequests.ErasureRequest;

/** Reads the status of an account's latest cancellation from the engine and the domain. */
@Service
public class CancellationStatusQuery {

    private static final Map<String, State> OUTCOMES = Map.of(
            Elements.EVENT_WITHDRAWN, State.WITHDRAWN,
            Elements.EVENT_REOPENED, State.REOPENED,
            Elements.EVENT_ABANDONED, State.ABANDONED,
            Elements.EVENT_DELETED, State.DELETED,
            Elements.EVENT_RETAINED, State.RETAINED,
            Elements.EVENT_RESUMED, State.RETAINED);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final ManagementService managementService;
    private final Accounts accounts;
    private final AccountErasure erasure;
    private final ErasureRequests erasureRequests;

    CancellationStatusQuery(
            RuntimeService runtimeService,
            TaskService taskService,
            HistoryService historyService,
            ManagementService managementService,
            Accounts accounts,
            AccountErasure erasure,
            ErasureRequests erasureRequests) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.managementService = managementService;
        this.accounts = accounts;
        this.erasure = erasure;
        this.erasureRequests = erasureRequests;
    }

    /**
     * Empty when the account exists but was never cancelled; unknown accounts throw. The latest cancellation is the
     * one started last: a withdrawn or reopened one may still be running (sending its confirmation) while a newer
     * one has started. A read while the instance moves on or ends answers the state before or after: every part is
     * read with queries that find nothing rather than fail when the instance has just gone, and an instance that
     * ended during the read is read again as ended.
     */
    public Optional<CancellationStatus> of(String accountId) {
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty()) {
            ErasureRecord erased = erasure.recordOf(accountId)
                    .filter(record -> record.erasedAt() != null)
                    .orElseThrow(() -> new UnknownAccountException(accountId));
            return Optional.of(
                    new CancellationStatus(accountId, State.DELETED, null, null, erased.erasedAt(), null, null, null));
        }
        Optional<HistoricProcessInstance> latest = latestCancellation(accountId);
        if (latest.isPresent() && latest.get().getEndTime() == null) {
            Optional<CancellationStatus> running =
                    runningStatus(account.get(), latest.get().getId());
            if (running.isPresent()) {
                return running;
            }
            latest = latestCancellation(accountId);
        }
        return latest.filter(instance -> instance.getEndTime() != null)
                .map(instance -> endedStatus(account.get(), instance));
    }

    /**
     * Running, or ended with an outcome (refused starts are not cancellations). Two cancellations of one account
     * start at the same instant only on a test's stopped clock; the running one is then taken as the later.
     */
    private Optional<HistoricProcessInstance> latestCancellation(String accountId) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(accountId)
                .list()
                .stream()
                .filter(instance -> instance.getEndTime() == null || OUTCOMES.containsKey(instance.getEndActivityId()))
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime)
                        .thenComparing(instance -> instance.getEndTime() == null));
    }

    /** Empty when the instance has ended before or while it was read. */
    private Optional<CancellationStatus> runningStatus(Account account, String instanceId) {
        ProcessInstance instance = runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(instanceId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        CancellationStatus status = runningStatus(account, instance);
        return stillRunning(instance) ? Optional.of(status) : Optional.empty();
    }

    private boolean stillRunning(ProcessInstance instance) {
        return runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count()
                == 1;
    }

    private CancellationStatus runningStatus(Account account, ProcessInstance instance) {
        Map<String, Object> variables = runtimeService
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance.getId())
                .variableNameIn(
                        Variables.ACCESS_ENDS_AT.name(),
                        Variables.DELETION_DUE_AT.name(),
                        Variables.RETENTION_OFFER_ACCEPTED.name(),
                        Variables.PAUSE_ENDS_AT.name())
                .list()
                .stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(
                        VariableInstance::getName, VariableInstance::getValue, (first, second) -> first));
        Instant accessEndsAt = Variables.ACCESS_ENDS_AT.in(variables).orElse(null);
        Instant deletionDueAt = Variables.DELETION_DUE_AT.in(variables).orElse(null);
        Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).list().stream()
                .findFirst()
                .orElse(null);
        boolean offerAccepted = Variables.RETENTION_OFFER_ACCEPTED.in(variables).orElse(false);
        Instant pauseEndsAt = Variables.PAUSE_ENDS_AT.in(variables).orElse(null);
        if (offerAccepted && task == null) {
            boolean paused = pauseEndsAt != null && !isAt(instance, Elements.TASK_RESUME_BILLING);
            return new CancellationStatus(
                    account.id(),
                    paused ? State.PAUSED : State.RETAINED,
                    null,
                    null,
                    null,
                    currentPeriodEndOf(account),
                    instance.getId(),
                    paused ? pauseEndsAt : null);
        }
        State state;
        if (task != null || accessEndsAt == null) {
            state = State.IN_PROGRESS;
        } else if (isAt(instance, Elements.TASK_WITHDRAW_CANCELLATION, Elements.TASK_SEND_WITHDRAWAL_CONFIRMATION)) {
            state = State.WITHDRAWN;
        } else if (isAt(instance, Elements.TASK_REOPEN_ACCOUNT, Elements.TASK_SEND_REOPENING_CONFIRMATION)) {
            state = State.REOPENED;
        } else {
            state = account.status() == AccountStatus.LOCKED ? State.LOCKED : State.CANCELLED;
            Optional<Instant> erasureAsked = erasureRequests.find(account.id()).map(ErasureRequest::eraseAt);
            if (erasureAsked.isPresent()) {
                // Asked for now: the erasure ends access too, if it comes first.
                deletionDueAt = erasureAsked.get();
                accessEndsAt = accessEndsAt.isAfter(deletionDueAt) ? deletionDueAt : accessEndsAt;
            }
        }
        return withCurrentPeriod(
                account,
                state,
                task == null ? null : task.getTaskDefinitionKey(),
                accessEndsAt,
                deletionDueAt,
                instance.getId());
    }

    /** A withdrawn or reopened cancellation ends nothing: its dates are history, the current period is what holds. */
    private CancellationStatus withCurrentPeriod(
            Account account, State state, String step, Instant accessEndsAt, Instant deletionDueAt, String instanceId) {
        boolean goesOn = state == State.WITHDRAWN || state == State.REOPENED || state == State.RETAINED;
        return new CancellationStatus(
                account.id(),
                state,
                step,
                goesOn ? null : accessEndsAt,
                goesOn ? null : deletionDueAt,
                currentPeriodEndOf(account),
                instanceId,
                null);
    }

    private Instant currentPeriodEndOf(Account account) {
        return accounts.subscriptionOf(account.id())
                .map(Subscription::currentPeriodEnd)
                .orElse(null);
    }

    /**
     * At one of these asynchronous steps: a job waits, runs or has failed there, and is gone once the step is done. A
     * withdrawal or a reopening is asked for once the instance has taken its message, before the billing provider
     * has heard of it.
     */
    private boolean isAt(ProcessInstance instance, String... asyncActivityIds) {
        return Arrays.stream(asyncActivityIds)
                .anyMatch(activityId -> managementService
                                .createJobQuery()
                                .processInstanceId(instance.getId())
                                .activityId(activityId)
                                .count()
                        > 0);
    }

    private CancellationStatus endedStatus(Account account, HistoricProcessInstance instance) {
        return withCurrentPeriod(
                account,
                OUTCOMES.get(instance.getEndActivityId()),
                null,
                historic(instance, Variables.ACCESS_ENDS_AT),
                historic(instance, Variables.DELETION_DUE_AT),
                instance.getId());
    }

    private <T> T historic(HistoricProcessInstance instance, ProcessVariable<T> variable) {
        HistoricVariableInstance stored = historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(variable.name())
                .singleResult();
        return stored == null ? null : variable.fromStored(stored.getValue()).orElse(null);
    }
}
