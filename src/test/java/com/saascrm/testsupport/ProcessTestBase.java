package com.saascrm.testsupport;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.cancellation.AccountCancellationProcess.Variables;
import com.saascrm.security.AccountIdentities;
import com.saascrm.security.StaffIdentities;

/** What process tests share: the engine, a real SMTP server, an engine clock they move, and accounts of their own. */
@ProcessApplicationTest
public abstract class ProcessTestBase {

    @RegisterExtension
    protected static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    protected ProcessEngine processEngine;

    @Autowired
    protected RuntimeService runtimeService;

    @Autowired
    protected TaskService taskService;

    @Autowired
    protected ManagementService managementService;

    @Autowired
    protected IdentityService identityService;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private AccountIdentities identities;

    @Autowired
    protected StaffIdentities staffIdentities;

    protected TestAccounts accounts;

    @BeforeEach
    void initProcessTest() {
        init(processEngine);
        accounts = new TestAccounts(jdbc, identities);
    }

    @AfterEach
    void resetClockAndUser() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    protected static void setClock(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    /** Starts a cancellation of {@code accountId} as {@code login}, the way engine-rest and Tasklist do. */
    protected ProcessInstance startAs(String login, String accountId) {
        return Cancellations.startAs(processEngine, login, accountId);
    }

    /** A cancellation started by the account's admin, who continues at the review and gives {@code reason}. */
    protected ProcessInstance startedWithReason(TestAccounts.TestAccount account, String reason) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(Variables.REVIEW_DECISION.name(), "CONTINUE"));
        completeTask(instance, Map.of(Variables.CANCELLATION_REASON.name(), reason));
        return instance;
    }

    /** Authenticates like engine-rest and the web apps do: the user with their groups, so authorizations apply. */
    protected void authenticateAs(String login) {
        List<String> groups = identityService.createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .toList();
        identityService.setAuthentication(login, groups);
    }

    protected Task taskOf(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    protected void completeTask(ProcessInstance instance, Map<String, Object> variables) {
        taskService.complete(taskOf(instance).getId(), variables);
    }

    protected Job jobOf(ProcessInstance instance) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    /** The instance's job at {@code activityId}: a timer, an asynchronous step; none when nothing waits there. */
    protected Job jobAt(ProcessInstance instance, String activityId) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activityId)
                .singleResult();
    }

    protected void executeJob(ProcessInstance instance) {
        managementService.executeJob(jobOf(instance).getId());
    }

    /**
     * Runs the instance's waiting step at the billing provider (cancel, withdraw or reopen), which is a job of its
     * own after the wizard's confirmation and after each message that asks for one.
     */
    protected void runBillingStep(ProcessInstance instance) {
        Job step = Stream.of(
                        Elements.TASK_CANCEL_SUBSCRIPTION,
                        Elements.TASK_WITHDRAW_CANCELLATION,
                        Elements.TASK_REOPEN_ACCOUNT)
                .map(activity -> managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(activity)
                        .singleResult())
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No billing step waits in " + instance.getId()));
        managementService.executeJob(step.getId());
    }

    /**
     * A cancellation confirmed by the account's admin with plain answers, told to the billing provider and its
     * confirmation mailed: it waits for the end of the access period.
     */
    protected ProcessInstance cancelledInAccessPeriod(TestAccounts.TestAccount account) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        WizardAnswers.plain().complete(processEngine, instance.getId());
        runBillingStep(instance);
        executeJob(instance);
        return instance;
    }

    /** Executes the instance's jobs, as they come, until it has none left; a bounded number of rounds. */
    protected void executeJobsUntilNoneLeft(ProcessInstance instance) {
        for (int round = 0; round < 1_000; round++) {
            Job job = managementService.createJobQuery().processInstanceId(instance.getId()).listPage(0, 1).stream()
                    .findFirst()
                    .orElse(null);
            if (job == null) {
                return;
            }
            managementService.executeJob(job.getId());
        }
        throw new AssertionError("The jobs of " + instance.getId() + " do not come to an end");
    }

    protected String accountStatus(String accountId) {
        return jdbc.sql("SELECT status FROM account WHERE id = ?")
                .param(accountId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
