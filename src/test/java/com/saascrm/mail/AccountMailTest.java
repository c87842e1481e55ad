package com.saascrm.mail;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Every mail of a cancellation through a real SMTP server (GreenMail), in English and Norwegian, and its failures. */
class AccountMailTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-03-10T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-03-31T23:59:59Z");
    private static final Instant REMINDER_DUE = Instant.parse("2027-09-16T23:59:59Z");

    @Autowired
    private HistoryService historyService;

    @Autowired
    private TransactionTemplate transaction;

    /** No public address is configured in the tests: links go to this machine and the port the application has. */
    @LocalServerPort
    private int port;

    @BeforeEach
    void clock() {
        setClock(NOW);
    }

    @Test
    void englishMailsTellTheFactsInBothPartsToTheRightPeople() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = cancel(account);

        MimeMessage confirmation = sendNext(instance, account);
        assertThat(confirmation.getSubject())
                .isEqualTo("Your subscription for " + account.companyName() + " is cancelled");
        assertRecipients(confirmation, account);
        assertBothParts(
                confirmation,
                "You keep access to all data until the end of March 31, 2027.",
                "deleted permanently at the end of September 30, 2027",
                "support@crm.example",
                "http://localhost:" + port + "/account-data/" + account.id() + "/export?expires=",
                "Withdraw the cancellation before the end of March 31, 2027 on the billing page");

        setClock(PERIOD_END);
        executeJob(instance);
        MimeMessage lockout = sendNext(instance, account);
        assertThat(lockout.getSubject()).isEqualTo("Your account " + account.companyName() + " is locked");
        assertBothParts(
                lockout,
                "is now locked",
                "deleted permanently at the end of September 30, 2027",
                "reopen it, with all its data as it is now",
                "/account-data/" + account.id() + "/export?expires=");

        setClock(REMINDER_DUE);
        executeJob(instance);
        MimeMessage reminder = sendNext(instance, account);
        assertThat(reminder.getSubject())
                .isEqualTo("Your account " + account.companyName() + " will be deleted on September 30, 2027");
        assertBothParts(
                reminder, "deleted permanently at the end of September 30, 2027", "reopen the account before then");
        assertThat(jobOf(instance).getDuedate().toInstant()).isEqualTo(Instant.parse("2027-09-30T23:59:59Z"));
    }

    @Test
    void norwegianMailsSpeakNorwegianInTheAccountsTimeZone() throws Exception {
        TestAccount account = accounts.paidAccount("nb", PERIOD_END);
        ProcessInstance instance = cancel(account);

        MimeMessage confirmation = sendNext(instance, account);
        assertThat(confirmation.getSubject()).isEqualTo("Abonnementet for " + account.companyName() + " er sagt opp");
        assertRecipients(confirmation, account);
        // The period ends at 23:59:59 UTC, 01:59 the next morning in Oslo: access lasts all of March 31 there.
        assertBothParts(
                confirmation,
                "Du har tilgang til alle data til og med 31. mars 2027.",
                "Trekk oppsigelsen tilbake innen utgangen av 31. mars 2027 på faktureringssiden",
                "slettet permanent ved utgangen av 30. september 2027",
                "Kontakt kundestøtte på support@crm.example");

        setClock(PERIOD_END);
        executeJob(instance);
        MimeMessage lockout = sendNext(instance, account);
        assertThat(lockout.getSubject()).isEqualTo("Kontoen " + account.companyName() + " er låst");
        assertBothParts(lockout, "er nå låst", "gjenåpne");

        setClock(REMINDER_DUE);
        executeJob(instance);
        MimeMessage reminder = sendNext(instance, account);
        assertThat(reminder.getSubject())
                .isEqualTo("Kontoen " + account.companyName() + " blir slettet 30. september 2027");
    }

    @Test
    void anAccountBehindUtcIsToldTheTimeItsAccessEnds() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        jdbc.sql("UPDATE account SET time_zone = 'America/New_York' WHERE id = ?")
                .param(account.id())
                .update();
        ProcessInstance instance = cancel(account);

        MimeMessage confirmation = sendNext(instance, account);

        // 23:59:59 UTC is 19:59 in New York (summer time): the period ends during March 31 there. (The space before
        // "PM" is the JDK's: a narrow one since Java 20.)
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(Locale.ENGLISH)
                        .format(LocalTime.of(19, 59))
                + " (America/New_York)";
        assertBothParts(
                confirmation,
                "You keep access to all data until March 31, 2027, " + time + ".",
                "Withdraw the cancellation before March 31, 2027, " + time + " on the billing page",
                "deleted permanently on September 30, 2027 at " + time);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Your subscription for %s continues | is withdrawn | Your account %s is open again | is open again"
                        + " | All its data is there as it was before the lockout; nothing needs to be imported.",
                "nb | Abonnementet for %s fortsetter | er trukket tilbake | Kontoen %s er åpnet igjen | er åpnet igjen"
                        + " | Alle data er der slik de var før kontoen ble låst; ingenting må importeres."
            })
    void withdrawalAndReopeningAreConfirmed(
            String locale,
            String withdrawalSubject,
            String withdrawalFact,
            String reopeningSubject,
            String reopeningFact,
            String reopeningData)
            throws Exception {
        TestAccount withdrawing = accounts.paidAccount(locale, PERIOD_END);
        ProcessInstance withdrawn = cancel(withdrawing);
        sendNext(withdrawn, withdrawing);
        runtimeService.correlateMessage(Messages.WITHDRAWAL_REQUESTED, withdrawing.id());
        runBillingStep(withdrawn);
        MimeMessage withdrawal = sendNext(withdrawn, withdrawing);
        assertThat(withdrawal.getSubject()).isEqualTo(withdrawalSubject.formatted(withdrawing.companyName()));
        assertBothParts(withdrawal, withdrawalFact, withdrawing.id());

        TestAccount reopening = accounts.paidAccount(locale, PERIOD_END);
        ProcessInstance reopened = cancel(reopening);
        sendNext(reopened, reopening);
        setClock(PERIOD_END);
        executeJob(reopened);
        sendNext(reopened, reopening);
        runtimeService.correlateMessage(Messages.REOPENING_REQUESTED, reopening.id());
        runBillingStep(reopened);
        MimeMessage reopeningMail = sendNext(reopened, reopening);
        assertThat(reopeningMail.getSubject()).isEqualTo(reopeningSubject.formatted(reopening.companyName()));
        assertBothParts(reopeningMail, reopeningFact, reopening.id(), reopeningData);
    }

    @Test
    void smtpDownLeavesTheCancellationDoneAndTheMailAnIncidentThatARetrySends() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        smtp.stop();
        ProcessInstance instance = cancel(account);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");

        Job mailJob = jobOf(instance);
        for (int attempt = 0; attempt < 10 && jobOf(instance).getRetries() > 0; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(mailJob.getId()))
                    .isInstanceOf(MailDeliveryException.class);
        }
        Incident incident = runtimeService
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TASK_SEND_CANCELLATION_CONFIRMATION);
        assertThat(incident.getIncidentMessage())
                .contains("CANCELLATION_CONFIRMATION", account.id())
                .doesNotContain("@");
        assertThat(managementService.getJobExceptionStacktrace(mailJob.getId())).doesNotContain("@mail.example");
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");

        smtp.start();
        managementService.setJobRetries(mailJob.getId(), 1);
        managementService.executeJob(mailJob.getId());

        assertThat(inbox(account.email(account.admin())))
                .hasSize(1)
                .allSatisfy(mail -> assertThat(mail.getSubject()).contains("is cancelled"));
        assertThat(inbox(account.email(account.secondAdmin()))).hasSize(1);
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        assertThat(instance)
                .satisfies(i -> assertThat(runtimeService.getActiveActivityIds(i.getId()))
                        .contains(TIMER_ACCESS_ENDS));
    }

    @Test
    void aCrashAfterSmtpTookTheMailSendsItOnceMoreWithTheSameMessageId() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = cancel(account);
        String mailJob = jobOf(instance).getId();

        transaction.executeWithoutResult(status -> {
            managementService.executeJob(mailJob);
            status.setRollbackOnly(); // as if the node died after SMTP said OK, before the job's commit
        });
        assertThat(jobOf(instance).getId()).isEqualTo(mailJob);
        managementService.executeJob(mailJob);

        List<MimeMessage> toRequester = inbox(account.email(account.admin()));
        assertThat(toRequester).as("at least once: a second delivery").hasSize(2);
        assertThat(toRequester.stream().map(AccountMailTest::messageId).distinct())
                .as("the same Message-ID")
                .hasSize(1);
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly(TIMER_ACCESS_ENDS);
    }

    @Test
    void resendDeliversASecondCopyAndTheProcessRecordsIt() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = cancel(account);
        MimeMessage first = sendNext(instance, account);

        runtimeService.correlateMessage(Messages.CONFIRMATION_RESEND_REQUESTED, account.id());
        managementService.executeJob(managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT)
                .singleResult()
                .getId());

        List<MimeMessage> toRequester = inbox(account.email(account.admin()));
        assertThat(toRequester).hasSize(2);
        assertThat(toRequester.get(1).getSubject()).isEqualTo(first.getSubject());
        assertThat(messageId(toRequester.get(1))).isNotEqualTo(messageId(first));
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TASK_RESEND_CONFIRMATION_BEFORE_LOCKOUT)
                        .finished()
                        .count())
                .isEqualTo(1);
    }

    private ProcessInstance cancel(TestAccount account) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
        completeTask(instance, Map.of(CANCELLATION_REASON.name(), "UNUSED"));
        completeTask(instance, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(instance);
        return instance;
    }

    /** Runs the waiting mail step; returns what the requesting admin got, after checking each admin got it once. */
    private MimeMessage sendNext(ProcessInstance instance, TestAccount account) {
        int requesterBefore = inbox(account.email(account.admin())).size();
        int otherBefore = inbox(account.email(account.secondAdmin())).size();
        executeJob(instance);
        List<MimeMessage> requester = inbox(account.email(account.admin()));
        assertThat(requester).as("the requesting admin's mailbox").hasSize(requesterBefore + 1);
        assertThat(inbox(account.email(account.secondAdmin())))
                .as("the other admin's mailbox")
                .hasSize(otherBefore + 1);
        return requester.get(requester.size() - 1);
    }

    /** The mailbox of one recipient, in the order the mails came. */
    private List<MimeMessage> inbox(String address) {
        GreenMailUser user = smtp.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return smtp.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .map(StoredMessage::getMimeMessage)
                    .toList();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRecipients(MimeMessage mail, TestAccount account) throws MessagingException {
        assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(Object::toString))
                .containsExactly(account.email(account.admin()));
        assertThat(Arrays.stream(mail.getRecipients(RecipientType.CC)).map(Object::toString))
                .containsExactly(account.email(account.secondAdmin()));
    }

    private static void assertBothParts(MimeMessage mail, String... facts) {
        String text = Mails.text(mail);
        String html = Mails.html(mail);
        assertThat(text).as("text part").isNotBlank().contains(facts);
        assertThat(html).as("HTML part").startsWith("<!DOCTYPE html>").contains(facts);
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
