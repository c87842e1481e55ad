package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.cancellation.AccountCancellationProcess.ReviewDecision;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/** Every outcome of the model, with the account's state checked after each step. */
class AccountCancellationProcessTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant DELETION_DUE = Instant.parse("2027-07-31T23:59:59Z");
    private static final Instant REMINDER_DUE = Instant.parse("2027-07-17T23:59:59Z");

    @Autowired
    private HistoryService historyService;

    @Autowired
    private AccountGroups groups;

    private TestAccount account;

    @BeforeEach
    void createAccount() {
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
    }

    @Test
    void fullLifecycleEndsWithTheAccountDeleted() throws Exception {
        TestAccount otherAccount = accounts.paidAccount("en", PERIOD_END);
        accounts.addMembership(otherAccount.id(), account.user());

        ProcessInstance instance = startAs(account.admin(), account.id());
        assertThat(instance).isWaitingAt(TASK_REVIEW_ACCOUNT_DATA);
        assertThat(taskService.getIdentityLinksForTask(taskOf(instance).getId()))
                .extracting(IdentityLink::getGroupId)
                .containsExactly(groups.adminsOf(account.id()));
        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()))
                .containsEntry(ORGANIZATION_COUNT.name(), 3L)
                .containsEntry(NOTE_COUNT.name(), 3L)
                .containsEntry(PLAN_NAME.name(), "Professional");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isEqualTo(1);

        completeWizard(instance);
        assertThat(instance).isWaitingAt(TASK_CANCEL_SUBSCRIPTION);
        assertThat(accountStatus(account.id()))
                .as("until the billing provider has cancelled")
                .isEqualTo("ACTIVE");
        runBillingStep(instance);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND cancelled_at IS NOT NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(runtimeService.getVariables(instance.getId()))
                .containsEntry(ACCESS_ENDS_AT.name(), "2027-01-31T23:59:59Z")
                .containsEntry(DELETION_REMINDER_DUE_AT.name(), "2027-07-17T23:59:59Z")
                .containsEntry(DELETION_DUE_AT.name(), "2027-07-31T23:59:59Z");

        assertThat(instance).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);
        executeJob(instance);
        MimeMessage confirmation = singleMail();
        assertThat(confirmation.getSubject())
                .isEqualTo("Your subscription for " + account.companyName() + " is cancelled");
        assertThat(confirmation.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(account.email(account.admin()));
        assertThat(confirmation.getRecipients(Message.RecipientType.CC))
                .extracting(Object::toString)
                .containsExactly(account.email(account.secondAdmin()));
        assertThat(confirmation.getMessageID())
                .startsWith("<" + instance.getId() + "." + TASK_SEND_CANCELLATION_CONFIRMATION + ".1@");
        assertThat(Mails.text(confirmation)).contains("January 31, 2027").contains("July 31, 2027");

        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(PERIOD_END));
        setClock(PERIOD_END);
        executeJob(instance);
        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ? AND locked_at IS NOT NULL", account.id()))
                .isEqualTo(1);

        assertThat(instance).isWaitingAt(TASK_SEND_LOCKOUT_NOTICE);
        executeJob(instance);
        assertThat(lastMail().getSubject()).isEqualTo("Your account " + account.companyName() + " is locked");

        assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(REMINDER_DUE));
        setClock(REMINDER_DUE);
        executeJob(instance);
        executeJob(instance);
        assertThat(lastMail().getSubject())
                .isEqualTo("Your account " + account.companyName() + " will be deleted on July 31, 2027");
        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");

        assertThat(instance).isWaitingAt(TIMER_DELETION_DUE);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(DELETION_DUE));
        setClock(DELETION_DUE);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TASK_PURGE_CRM_DATA);
        executeJobsUntilNoneLeft(instance);

        assertThat(instance)
                .isEnded()
                .hasPassed(TASK_PURGE_CRM_DATA, TASK_PURGE_ACCOUNT_DATA, TASK_REMOVE_ACCOUNT_IDENTITIES, EVENT_DELETED);
        assertThat(accountStatus(account.id())).isNull();
        for (String table : List.of(
                "crm_organization",
                "crm_person",
                "crm_deal",
                "crm_activity",
                "crm_note",
                "account_membership",
                "subscription",
                "cancellation_request",
                "cancellation_feedback")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?", account.id()))
                    .as(table)
                    .isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM app_user WHERE login IN (?, ?)", account.admin(), account.secondAdmin()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM app_user WHERE login = ?", account.user()))
                .as("a user who belongs to another account stays")
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT organizations, persons, deals, activities, notes, users, memberships
                FROM erasure_record WHERE account_id = ?""")
                        .param(account.id())
                        .query((rs, row) -> List.of(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7)))
                        .list())
                .containsExactly(List.of(3L, 3L, 3L, 3L, 3L, 2L, 3L));
        assertThat(count("""
                SELECT COUNT(*) FROM cancellation_statistic
                WHERE reason_code = 'TOO_EXPENSIVE' AND plan_code = 'PROFESSIONAL' AND request_month = '2027-01'
                  AND outcome = 'DELETED'""")).isGreaterThanOrEqualTo(1);
        assertThat(identityService.createUserQuery().userId(account.admin()).count())
                .isZero();
        assertThat(identityService.createUserQuery().userId(account.user()).count())
                .isEqualTo(1);
        assertThat(identityService
                        .createGroupQuery()
                        .groupId(groups.adminsOf(account.id()))
                        .count())
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", otherAccount.id()))
                .isEqualTo(1);
    }

    @Test
    void withdrawalBeforeLockoutKeepsTheSubscriptionAsItWas() throws Exception {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeWizard(instance);
        runBillingStep(instance);
        executeJob(instance);

        runtimeService.correlateMessage(Messages.WITHDRAWAL_REQUESTED, account.id());
        assertThat(instance).isWaitingAt(TASK_WITHDRAW_CANCELLATION);
        runBillingStep(instance);

        assertThat(instance).isWaitingAt(TASK_SEND_WITHDRAWAL_CONFIRMATION);
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT current_period_end, cancelled_at FROM subscription WHERE account_id = ?")
                        .param(account.id())
                        .query((rs, row) -> List.of(
                                rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                                String.valueOf(rs.getObject(2))))
                        .single())
                .containsExactly(PERIOD_END, "null");
        executeJob(instance);
        assertThat(lastMail().getSubject()).isEqualTo("Your subscription for " + account.companyName() + " continues");
        assertThat(instance).isEnded().hasPassed(EVENT_WITHDRAWN);
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'WITHDRAWN'"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM crm_note WHERE account_id = ?", account.id()))
                .isEqualTo(3);
    }

    @Test
    void reopeningAfterLockoutRestartsTheSubscription() throws Exception {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeWizard(instance);
        runBillingStep(instance);
        executeJob(instance);
        Instant reopenedAt = PERIOD_END.plusSeconds(86_400 * 3);
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");

        setClock(reopenedAt);
        runtimeService.correlateMessage(Messages.REOPENING_REQUESTED, account.id());
        assertThat(instance).isWaitingAt(TASK_REOPEN_ACCOUNT);
        runBillingStep(instance);

        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT current_period_end FROM subscription WHERE account_id = ? AND cancelled_at IS NULL")
                        .param(account.id())
                        .query((rs, row) ->
                                rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                        .single())
                .isEqualTo(Instant.parse("2027-03-03T23:59:59Z"));
        executeJob(instance);
        assertThat(lastMail().getSubject()).isEqualTo("Your account " + account.companyName() + " is open again");
        assertThat(instance).isEnded().hasPassed(EVENT_REOPENED);
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM crm_note WHERE account_id = ?", account.id()))
                .isEqualTo(3);
    }

    @Test
    void keepSubscriptionAtReviewAbandonsTheRequest() {
        ProcessInstance instance = startAs(account.admin(), account.id());

        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.KEEP_SUBSCRIPTION.name()));

        assertThat(instance).isEnded().hasPassed(EVENT_ABANDONED).hasNotPassed(TASK_SUBMIT_REASON);
        assertAccountUntouched();
    }

    @Test
    void idleWizardStepIsAbandonedAfterTheConfiguredTime() {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));
        assertThat(instance).isWaitingAt(TASK_SUBMIT_REASON);

        Job idleTimer = jobOf(instance);
        assertThat(idleTimer.getDuedate()).isEqualTo(Date.from(NOW.plusSeconds(14 * 86_400)));
        setClock(NOW.plusSeconds(14 * 86_400));
        managementService.executeJob(idleTimer.getId());

        assertThat(instance).isEnded().hasPassed(TIMER_REASON_IDLE, EVENT_ABANDONED);
        assertAccountUntouched();
    }

    @Test
    void abandonMessageEndsTheWizard() {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));

        runtimeService.correlateMessage(Messages.ABANDON_REQUESTED, account.id());

        assertThat(instance).isEnded().hasPassed(EVENT_ABANDONED);
        assertAccountUntouched();
    }

    @Test
    void userWithoutSettingsAccessMayNotStart() {
        assertThatThrownBy(() -> startAs(account.user(), account.id())).isInstanceOf(AuthorizationException.class);

        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
        assertAccountUntouched();
    }

    @Test
    void startWithoutAuthenticatedUserIsRefusedInTheProcess() {
        ProcessInstance instance =
                runtimeService.startProcessInstanceByKey(AccountCancellationProcess.PROCESS_KEY, account.id());

        assertThat(instance)
                .isEnded()
                .hasPassed(EVENT_REFUSED)
                .variables()
                .containsEntry(ELIGIBILITY.name(), "NOT_ACCOUNT_ADMIN");
        assertAccountUntouched();
    }

    @Test
    void adminOfAnotherAccountIsRefused() {
        TestAccount other = accounts.paidAccount("en", PERIOD_END);

        ProcessInstance instance = startAs(other.admin(), account.id());

        assertThat(instance)
                .isEnded()
                .hasPassed(EVENT_REFUSED)
                .variables()
                .containsEntry(ELIGIBILITY.name(), "NOT_ACCOUNT_ADMIN");
        assertAccountUntouched();
    }

    @Test
    void trialAccountIsRefused() {
        TestAccount trial = accounts.trialAccount(PERIOD_END);

        ProcessInstance instance = startAs(trial.admin(), trial.id());

        assertThat(instance)
                .isEnded()
                .hasPassed(EVENT_REFUSED)
                .variables()
                .containsEntry(ELIGIBILITY.name(), "TRIAL_ACCOUNT");
        assertThat(accountStatus(trial.id())).isEqualTo("ACTIVE");
    }

    @Test
    void secondRequestWhileOneIsRunningIsRefused() {
        ProcessInstance first = startAs(account.admin(), account.id());

        ProcessInstance duringWizard = startAs(account.secondAdmin(), account.id());
        completeWizard(first);
        ProcessInstance afterCancellation = startAs(account.secondAdmin(), account.id());

        for (ProcessInstance refused : List.of(duringWizard, afterCancellation)) {
            assertThat(refused)
                    .isEnded()
                    .hasPassed(EVENT_REFUSED)
                    .variables()
                    .containsEntry(ELIGIBILITY.name(), "ALREADY_CANCELLING");
        }
        assertThat(first)
                .as("refused already while the billing provider is being told")
                .isWaitingAt(TASK_CANCEL_SUBSCRIPTION);
        assertThat(jdbc.sql("SELECT request_id FROM cancellation_request WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .list())
                .containsExactly(first.getId());
    }

    @Test
    void confirmationCanBeResentWhileCancelledAndWhileLocked() throws Exception {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeWizard(instance);
        runBillingStep(instance);
        executeJob(instance);

        runtimeService.correlateMessage(Messages.CONFIRMATION_RESEND_REQUESTED, account.id());
        executeResendJob(instance, TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT);
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        runtimeService.correlateMessage(Messages.CONFIRMATION_RESEND_REQUESTED, account.id());
        executeResendJob(instance, TASK_RESEND_CONFIRMATION_WHILE_LOCKED);

        List<String> subjects = java.util.Arrays.stream(smtp.getReceivedMessages())
                .map(message -> {
                    try {
                        return message.getSubject();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        String confirmation = "Your subscription for " + account.companyName() + " is cancelled";
        // Each mail reaches both admins: one message per recipient in GreenMail.
        assertThat(subjects).filteredOn(confirmation::equals).hasSize(3 * 2);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT)
                        .finished()
                        .count())
                .isEqualTo(1);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TASK_RESEND_CONFIRMATION_WHILE_LOCKED)
                        .finished()
                        .count())
                .isEqualTo(1);
        assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
    }

    private void executeResendJob(ProcessInstance instance, String activityId) {
        Job resend = managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activityId)
                .singleResult();
        managementService.executeJob(resend.getId());
    }

    private void completeWizard(ProcessInstance instance) {
        WizardAnswers.withFreeText("TOO_EXPENSIVE", account.id()).completeEach(step -> completeTask(instance, step));
    }

    private void assertAccountUntouched() {
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND cancelled_at IS NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM crm_note WHERE account_id = ?", account.id()))
                .isEqualTo(3);
    }

    private MimeMessage singleMail() {
        assertThat(smtp.getReceivedMessages())
                .as("one message per recipient: the two admins")
                .hasSize(2);
        return smtp.getReceivedMessages()[0];
    }

    private MimeMessage lastMail() {
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).isNotEmpty();
        return received[received.length - 1];
    }
}
