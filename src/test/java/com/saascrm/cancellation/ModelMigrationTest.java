package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_PURGE_CRM_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_CANCELLATION_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_DUE;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_REMINDER_DUE;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.testsupport.GeneratedApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.api.client.OperationsApi;
import com.saascrm.api.client.model.PendingMigration;
import com.saascrm.api.client.model.StartedMigration;
import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The migration runbook, end to end: cancellations wait at every wait state of an earlier model version (each wizard
 * step, the confirmation mail, the access period, both timers of the locked period, the purge loop); the current
 * model is deployed; operations start the migration through the API; the batches run. Each instance is then on the
 * current version with the due dates it had, and ends as it would have: withdrawn, reopened or deleted.
 */
class ModelMigrationTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");
    private static final Instant REMINDER_DUE = Instant.parse("2027-07-17T23:59:59Z");
    private static final String MIGRATIONS = "/api/operations/model-migrations";

    /** Where an instance of the earlier version waits when the migration runs. */
    enum WaitState {
        REVIEW,
        REASON,
        CONFIRMATION,
        CONFIRMATION_MAIL,
        ACCESS_PERIOD,
        DELETION_REMINDER,
        DELETION,
        PURGE
    }

    private record Waiting(TestAccount account, ProcessInstance instance, Map<String, Date> timers) {}

    @Autowired
    private RepositoryService repositoryService;

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private CancellationStatusQuery status;

    @Autowired
    private TestRestTemplate rest;

    private ModelDeployments models;

    @BeforeEach
    void noVersionOfTheTestsYet() {
        models = new ModelDeployments(repositoryService);
    }

    @AfterEach
    void undeployTheTestsVersions() {
        models.undeployAll();
    }

    @ParameterizedTest(name = "from model version {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void cancellationsAtEveryWaitStateMoveToTheCurrentModelAndEndAsTheyWouldHave(int earlierVersion) {
        int fromVersion = models.deploy("model-versions/account-cancellation-" + earlierVersion + ".xml")
                .getVersion();
        Map<WaitState, Waiting> waiting = cancellationsAtEachWaitState();

        ProcessDefinition current = models.deploy("account-cancellation.bpmn");
        OperationsApi operations = operations();
        PendingMigration pending = pendingFrom(operations, fromVersion);
        assertThat(pending.getFromModelVersion()).isEqualTo(earlierVersion);
        assertThat(pending.getToVersion()).isEqualTo(current.getVersion());
        assertThat(pending.getToModelVersion()).isEqualTo(8);
        assertThat(pending.getRunningInstances()).isEqualTo(8);
        assertThat(pending.getUnmapped()).isEmpty();
        assertThat(pending.getMappings()).contains("Timer_AccessEnds -> Timer_AccessEnds");
        if (earlierVersion == 1) {
            assertThat(pending.getMappings()).contains("Event_WithdrawalRequested -> Message_WithdrawalRequested");
        }

        ResponseEntity<StartedMigration> started = operations.startMigrationWithHttpInfo(fromVersion);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().getInstances()).isEqualTo(8);
        runBatch(started.getBody().getBatchId());
        assertThat(pendingVersions(operations)).doesNotContain(fromVersion);

        waiting.forEach((state, cancellation) -> {
            assertThat(runtimeService
                            .createProcessInstanceQuery()
                            .processInstanceId(cancellation.instance().getId())
                            .singleResult()
                            .getProcessDefinitionId())
                    .as(state.name())
                    .isEqualTo(current.getId());
            assertThat(timersOf(cancellation.instance())).as(state.name()).isEqualTo(cancellation.timers());
        });

        // The wizard and the confirmation mail go on from where they were: the access period ends with the period.
        setClock(NOW.plusSeconds(3600));
        for (WaitState state : List.of(WaitState.REVIEW, WaitState.REASON, WaitState.CONFIRMATION)) {
            Waiting cancellation = waiting.get(state);
            completeTheWizardsOpenSteps(cancellation.instance());
            toTheAccessPeriod(cancellation.instance());
        }
        toTheAccessPeriod(waiting.get(WaitState.CONFIRMATION_MAIL).instance());
        for (WaitState state : List.of(
                WaitState.REVIEW,
                WaitState.REASON,
                WaitState.CONFIRMATION,
                WaitState.CONFIRMATION_MAIL,
                WaitState.ACCESS_PERIOD)) {
            Waiting cancellation = waiting.get(state);
            assertThat(timersOf(cancellation.instance()))
                    .as(state.name())
                    .containsEntry(TIMER_ACCESS_ENDS, date(PERIOD_END));
            assertThat(status.of(cancellation.account().id()))
                    .get()
                    .satisfies(now -> assertThat(now.status()).isEqualTo(State.CANCELLED))
                    .satisfies(now -> assertThat(now.accessEndsAt()).isEqualTo(PERIOD_END))
                    .satisfies(now -> assertThat(now.deletionDueAt()).isEqualTo(DELETION_DUE));
            commands.withdraw(cancellation.account().id());
            executeJobsUntilNoneLeft(cancellation.instance());
            assertThat(cancellation.instance()).as(state.name()).isEnded();
            assertThat(status.of(cancellation.account().id()))
                    .get()
                    .extracting(CancellationStatus::status)
                    .isEqualTo(State.WITHDRAWN);
            assertThat(accountStatus(cancellation.account().id())).isEqualTo("ACTIVE");
        }

        Waiting locked = waiting.get(WaitState.DELETION_REMINDER);
        commands.reopen(locked.account().id());
        executeJobsUntilNoneLeft(locked.instance());
        assertThat(locked.instance()).isEnded();
        assertThat(status.of(locked.account().id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.REOPENED);
        assertThat(accountStatus(locked.account().id())).isEqualTo("ACTIVE");

        setClock(DELETION_DUE.plusSeconds(60));
        for (WaitState state : List.of(WaitState.DELETION, WaitState.PURGE)) {
            Waiting cancellation = waiting.get(state);
            executeJobsUntilNoneLeft(cancellation.instance());
            assertThat(cancellation.instance()).as(state.name()).isEnded();
            assertThat(status.of(cancellation.account().id()))
                    .get()
                    .extracting(CancellationStatus::status)
                    .isEqualTo(State.DELETED);
            assertThat(accountStatus(cancellation.account().id())).isNull();
            assertThat(count(
                            "SELECT COUNT(*) FROM crm_note WHERE account_id = ?",
                            cancellation.account().id()))
                    .isZero();
        }
        assertThat(jdbc.sql("SELECT erased_at FROM erasure_record WHERE account_id = ?")
                        .param(waiting.get(WaitState.DELETION).account().id())
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(DELETION_DUE.plusSeconds(60));
    }

    @Test
    void aNewVersionWithoutAWaitStateStartsNoMigrationAndSaysWhereInstancesWait() {
        int fromVersion = models.deploy("account-cancellation.bpmn").getVersion();
        setClock(NOW);
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTheWizardsOpenSteps(instance);
        toTheAccessPeriod(instance);
        ProcessDefinition withoutTheTimer = models.deployText(ModelDeployments.read("account-cancellation.bpmn")
                .replace(TIMER_ACCESS_ENDS, "Timer_AccessPeriodOver"));
        OperationsApi operations = operations();

        assertThat(pendingFrom(operations, fromVersion).getUnmapped()).containsExactly("Timer_AccessEnds: 1 instances");
        long batches = managementService.createBatchQuery().count();
        assertThat(problem(409, () -> operations.startMigration(fromVersion)).getDetail())
                .contains("No migration started", "Timer_AccessEnds");
        assertThat(problem(409, () -> operations.startMigration(withoutTheTimer.getVersion()))
                        .getDetail())
                .contains("has no running cancellations to move");
        assertThat(managementService.createBatchQuery().count()).isEqualTo(batches);
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .singleResult()
                        .getProcessDefinitionId())
                .isNotEqualTo(withoutTheTimer.getId());
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
    }

    @Test
    void onlyOperationsSeeOrStartAMigration() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);
        startAs(account.admin(), account.id());
        int version = latest().getVersion();
        long batches = managementService.createBatchQuery().count();
        for (String login : List.of(account.admin(), support)) {
            TestRestTemplate caller = rest.withBasicAuth(login, TestAccounts.PASSWORD);
            assertThat(caller.getForEntity(MIGRATIONS, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(caller.postForEntity(MIGRATIONS + "/" + version, null, String.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(managementService.createBatchQuery().count()).isEqualTo(batches);
    }

    @Test
    void theRenamesOfEachVersionComposeIntoOnePlanFromAnyEarlierOne() {
        assertThat(ModelMigrations.renamedBetween(1, 4))
                .containsEntry("Event_WithdrawalRequested", "Message_WithdrawalRequested")
                .hasSize(5);
        assertThat(ModelMigrations.renamedBetween(2, 4)).isEmpty();
    }

    /** Operations, through the client generated from the API's document. */
    private OperationsApi operations() {
        return new GeneratedApi(
                        rest, accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD)
                .operations();
    }

    private static PendingMigration pendingFrom(OperationsApi operations, int fromVersion) {
        return operations.getPendingMigrations().stream()
                .filter(migration -> migration.getFromVersion() == fromVersion)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No pending migration from version " + fromVersion));
    }

    private static List<Integer> pendingVersions(OperationsApi operations) {
        return operations.getPendingMigrations().stream()
                .map(PendingMigration::getFromVersion)
                .toList();
    }

    /** Starts one cancellation per wait state on the latest deployed version, at {@link #NOW} and later. */
    private Map<WaitState, Waiting> cancellationsAtEachWaitState() {
        setClock(NOW);
        Map<WaitState, ProcessInstance> instances = new EnumMap<>(WaitState.class);
        Map<WaitState, TestAccount> owners = new EnumMap<>(WaitState.class);
        for (WaitState state : WaitState.values()) {
            TestAccount account = accounts.paidAccount("en", PERIOD_END);
            owners.put(state, account);
            instances.put(state, startAs(account.admin(), account.id()));
        }
        Map<String, Object>[] steps = stepsOf(WizardAnswers.plain());
        completeTask(instances.get(WaitState.REASON), steps[0]);
        completeTask(instances.get(WaitState.CONFIRMATION), steps[0]);
        completeTask(instances.get(WaitState.CONFIRMATION), steps[1]);
        for (WaitState state : List.of(
                WaitState.CONFIRMATION_MAIL,
                WaitState.ACCESS_PERIOD,
                WaitState.DELETION_REMINDER,
                WaitState.DELETION,
                WaitState.PURGE)) {
            completeTheWizardsOpenSteps(instances.get(state));
            runTheBillingStepIfItIsAJob(instances.get(state));
            assertThat(instances.get(state)).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);
            if (state != WaitState.CONFIRMATION_MAIL) {
                executeJob(instances.get(state));
                assertThat(instances.get(state)).isWaitingAt(TIMER_ACCESS_ENDS);
            }
        }
        setClock(PERIOD_END.plusSeconds(60));
        for (WaitState state : List.of(WaitState.DELETION_REMINDER, WaitState.DELETION, WaitState.PURGE)) {
            executeJob(instances.get(state));
            executeJob(instances.get(state));
            assertThat(instances.get(state)).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
        }
        setClock(REMINDER_DUE.plusSeconds(60));
        for (WaitState state : List.of(WaitState.DELETION, WaitState.PURGE)) {
            executeJob(instances.get(state));
            executeJob(instances.get(state));
            assertThat(instances.get(state)).isWaitingAt(TIMER_DELETION_DUE);
        }
        setClock(DELETION_DUE.plusSeconds(60));
        executeJob(instances.get(WaitState.PURGE));
        assertThat(instances.get(WaitState.PURGE)).isWaitingAt(TASK_PURGE_CRM_DATA);

        Map<WaitState, Waiting> waiting = new EnumMap<>(WaitState.class);
        instances.forEach(
                (state, instance) -> waiting.put(state, new Waiting(owners.get(state), instance, timersOf(instance))));
        assertThat(waiting.get(WaitState.REVIEW).timers()).containsKey("Timer_ReviewIdle");
        assertThat(waiting.get(WaitState.DELETION).timers()).containsEntry(TIMER_DELETION_DUE, date(DELETION_DUE));
        return waiting;
    }

    private void completeTheWizardsOpenSteps(ProcessInstance instance) {
        Map<String, Object>[] steps = stepsOf(WizardAnswers.plain());
        for (int step = 0; step < steps.length; step++) {
            if (taskOf(instance) != null
                    && taskOf(instance)
                            .getTaskDefinitionKey()
                            .equals(WizardAnswers.plain().steps().keySet().toArray()[step])) {
                completeTask(instance, steps[step]);
            }
        }
    }

    private void toTheAccessPeriod(ProcessInstance instance) {
        runTheBillingStepIfItIsAJob(instance);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
    }

    /** From model version 3 on the billing provider is called in a job of its own. */
    private void runTheBillingStepIfItIsAJob(ProcessInstance instance) {
        if (runtimeService.getActiveActivityIds(instance.getId()).contains("Task_CancelSubscription")) {
            runBillingStep(instance);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] stepsOf(WizardAnswers answers) {
        return answers.steps().values().toArray(new Map[0]);
    }

    /** The due date of each timer of the instance, by the element it belongs to. */
    private Map<String, Date> timersOf(ProcessInstance instance) {
        Map<String, Date> timers = new TreeMap<>();
        for (Job job : managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .timers()
                .list()) {
            String element = managementService
                    .createJobDefinitionQuery()
                    .jobDefinitionId(job.getJobDefinitionId())
                    .singleResult()
                    .getActivityId();
            timers.put(element, job.getDuedate());
        }
        return timers;
    }

    /** What the job executor does with a batch: its seed job, each migration job, then its monitor. */
    private void runBatch(String batchId) {
        Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
        for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
            for (Job job : managementService
                    .createJobQuery()
                    .jobDefinitionId(definition)
                    .list()) {
                managementService.executeJob(job.getId());
            }
        }
        for (Job job : managementService
                .createJobQuery()
                .jobDefinitionId(batch.getMonitorJobDefinitionId())
                .list()) {
            managementService.executeJob(job.getId());
        }
        assertThat(managementService.createBatchQuery().batchId(batchId).count())
                .as("the batch is done and gone")
                .isZero();
    }

    private ProcessDefinition latest() {
        return repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .latestVersion()
                .singleResult();
    }

    private static Date date(Instant instant) {
        return Date.from(instant.atOffset(ZoneOffset.UTC).toInstant());
    }
}
