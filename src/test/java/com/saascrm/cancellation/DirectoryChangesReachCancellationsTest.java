package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_REMINDER_DUE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_LOCALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.account.AccountDirectory;
import com.saascrm.account.AccountDirectory.AccountEntry;
import com.saascrm.account.AccountDirectory.Outcome;
import com.saascrm.account.CancellationPolicy;
import com.saascrm.account.CancellationSchedule;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * What the CRM changes reaches running cancellations: a new end of the billing period before the lockout moves the
 * lockout, the reminder and the deletion to the second, and status and mails tell the new dates (after the lockout
 * it is only recorded); a new language shows in the next form and mail.
 */
class DirectoryChangesReachCancellationsTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant NEW_PERIOD_END = Instant.parse("2027-02-28T23:59:59Z");

    @Autowired
    private AccountDirectory directory;

    @Autowired
    private CancellationPolicy policy;

    @Autowired
    private CancellationStatusQuery status;

    @Autowired
    private CancellationCommands commands;

    private TestAccount account;
    private ProcessInstance instance;

    @BeforeEach
    void cancelledAccount() {
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(PERIOD_END));
    }

    @Test
    void aNewPeriodEndBeforeTheLockoutMovesTheLockoutReminderAndDeletion() throws Exception {
        CancellationSchedule moved = policy.scheduleFor(NEW_PERIOD_END);

        assertThat(directory.putAccount(entry(account, "en", NEW_PERIOD_END, 1)))
                .isEqualTo(Outcome.CHANGED);

        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(NEW_PERIOD_END));
        CancellationStatus now = status.of(account.id()).orElseThrow();
        assertThat(now.accessEndsAt()).isEqualTo(NEW_PERIOD_END);
        assertThat(now.deletionDueAt())
                .isEqualTo(moved.deletionDueAt())
                .isAfter(policy.scheduleFor(PERIOD_END).deletionDueAt());

        commands.resendConfirmation(account.id());
        Job resend = managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT)
                .singleResult();
        managementService.executeJob(resend.getId());
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(Mails.text(mails[mails.length - 1])).contains("February 28, 2027");

        setClock(PERIOD_END.plusSeconds(1));
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .executable()
                        .count())
                .as("the old end passes without a lockout")
                .isZero();
        setClock(NEW_PERIOD_END);
        executeJob(instance);
        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(moved.deletionReminderDueAt()));
    }

    @Test
    void aNewPeriodEndAfterTheLockoutIsRecordedAndMovesNothing() {
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        Date reminder = jobOf(instance).getDuedate();

        assertThat(directory.putAccount(entry(account, "en", NEW_PERIOD_END, 1)))
                .isEqualTo(Outcome.CHANGED);

        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");
        assertThat(jobOf(instance).getDuedate()).isEqualTo(reminder);
        assertThat(status.of(account.id()).orElseThrow().deletionDueAt())
                .isEqualTo(policy.scheduleFor(PERIOD_END).deletionDueAt());
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND current_period_end = ?",
                        account.id(),
                        com.saascrm.support.SqlTime.utc(NEW_PERIOD_END)))
                .isOne();
    }

    @Test
    void aNewLanguageShowsInTheNextFormAndMail() throws Exception {
        TestAccount norwegian = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance wizard = startAs(norwegian.admin(), norwegian.id());
        assertThat(runtimeService.getVariable(wizard.getId(), ACCOUNT_LOCALE.name()))
                .isEqualTo("en");

        directory.putAccount(entry(norwegian, "nb", PERIOD_END, 1));

        assertThat(runtimeService.getVariable(wizard.getId(), ACCOUNT_LOCALE.name()))
                .isEqualTo("nb");
        Cancellations.completeWizard(processEngine, wizard.getId());
        runBillingStep(wizard);
        executeJob(wizard);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails[mails.length - 1].getSubject())
                .isEqualTo("Abonnementet for " + norwegian.companyName() + " er sagt opp");
    }

    private static AccountEntry entry(TestAccount account, String locale, Instant periodEnd, long version) {
        return new AccountEntry(
                account.id(),
                account.companyName(),
                locale,
                ZoneId.of("UTC"),
                false,
                "PROFESSIONAL",
                periodEnd,
                version,
                null,
                null);
    }
}
