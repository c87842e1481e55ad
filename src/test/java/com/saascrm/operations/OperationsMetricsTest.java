package com.saascrm.operations;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_CANCELLATION_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.cancellation.AccountCancellationProcess.RequestChannel;
import com.saascrm.cancellation.CancellationCommands;
import com.saascrm.cancellation.CancellationRefusedException;
import com.saascrm.mail.MailDeliveryException;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code /actuator/prometheus} after a scripted lifecycle: refusals, an abandoned wizard, and a cancellation taken
 * from the wizard through a failed mail and its incident to the purge. The application shares its database and
 * meters with the other tests of this JVM, so each figure is compared before and after the step that moves it.
 */
class OperationsMetricsTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2031-03-03T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2031-03-31T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private ProcessStateGauges gauges;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void smtpBackUp() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
    }

    @Test
    void startsAndRefusalsAreCountedByReasonWhetherOrNotTheStartIsKept() {
        setClock(NOW);
        Scrape before = scrape();

        TestAccount trial = accounts.trialAccount(PERIOD_END);
        ProcessInstance refusedInTasklist = startAs(trial.admin(), trial.id());
        assertThat(refusedInTasklist).isEnded();
        TestAccount paid = accounts.paidAccount("en", PERIOD_END);
        startAs(paid.admin(), paid.id());
        List<String> adminGroups = identityService.createGroupQuery().groupMember(paid.admin()).list().stream()
                .map(group -> group.getId())
                .toList();
        assertThatThrownBy(() -> commands.start(paid.id(), paid.admin(), adminGroups, RequestChannel.OTHER))
                .isInstanceOf(CancellationRefusedException.class);

        Scrape after = scrape();
        assertThat(increase(before, after, "cancellation_requests_refused_total", "reason", "trial_account"))
                .isEqualTo(1);
        assertThat(increase(before, after, "cancellation_requests_refused_total", "reason", "already_cancelling"))
                .isEqualTo(1);
        assertThat(increase(before, after, "cancellation_requests_refused_total"))
                .isEqualTo(2);
        assertThat(increase(before, after, "cancellation_requests_started_total"))
                .isEqualTo(1);
    }

    @Test
    void aWizardLeftAfterTenMinutesIsAnAbandonedRequestAndAStepLeftAfterTenMinutes() {
        setClock(NOW);
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        startAs(account.admin(), account.id());
        Scrape before = scrape();

        setClock(NOW.plus(Duration.ofMinutes(10)));
        commands.abandon(account.id());

        Scrape after = scrape();
        assertThat(increase(before, after, "cancellation_requests_ended_total", "outcome", "abandoned"))
                .isEqualTo(1);
        String review = "Task_ReviewAccountData";
        assertThat(increase(
                        before,
                        after,
                        "cancellation_wizard_step_duration_seconds_count",
                        "step",
                        review,
                        "result",
                        "left"))
                .isEqualTo(1);
        assertThat(increase(
                        before,
                        after,
                        "cancellation_wizard_step_duration_seconds_sum",
                        "step",
                        review,
                        "result",
                        "left"))
                .isCloseTo(600, within(1.0));
        assertThat(increase(before, after, "cancellation_wizard_step_duration_seconds_count", "result", "completed"))
                .isZero();
    }

    @Test
    void aCancellationFromTheWizardToThePurgeMovesEveryFigureOnce() {
        setClock(NOW);
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        Scrape start = scrape();
        ProcessInstance instance = startAs(account.admin(), account.id());
        Scrape inWizard = scrape();
        assertThat(increase(start, inWizard, "cancellation_requests_active", "phase", "wizard"))
                .isEqualTo(1);

        setClock(NOW.plus(Duration.ofMinutes(5)));
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
        Scrape confirmed = scrape();
        for (String step : List.of("Task_ReviewAccountData", "Task_SubmitReason", "Task_ConfirmCancellation")) {
            assertThat(increase(
                            inWizard,
                            confirmed,
                            "cancellation_wizard_step_duration_seconds_count",
                            "step",
                            step,
                            "result",
                            "completed"))
                    .as(step)
                    .isEqualTo(1);
        }
        assertThat(increase(
                        inWizard,
                        confirmed,
                        "cancellation_wizard_step_duration_seconds_sum",
                        "step",
                        "Task_ReviewAccountData"))
                .isCloseTo(300, within(1.0));
        assertThat(increase(
                        inWizard,
                        confirmed,
                        "cancellation_billing_calls_seconds_count",
                        "operation",
                        "cancel",
                        "result",
                        "success"))
                .isEqualTo(1);
        assertThat(increase(inWizard, confirmed, "cancellation_requests_active", "phase", "wizard"))
                .isEqualTo(-1);
        assertThat(increase(inWizard, confirmed, "cancellation_requests_active", "phase", "access_period"))
                .isEqualTo(1);

        // The confirmation mail fails until its retries are spent and it is an incident; two hours later it is open.
        smtp.stop();
        Job mail = jobOf(instance);
        Scrape mailDue = scrape();
        int attempts = 0;
        while (managementService
                                .createJobQuery()
                                .jobId(mail.getId())
                                .singleResult()
                                .getRetries()
                        > 0
                && attempts < 10) {
            attempts++;
            assertThatThrownBy(() -> managementService.executeJob(mail.getId()))
                    .isInstanceOf(MailDeliveryException.class);
        }
        setClock(NOW.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(2)));
        Scrape incident = scrape();
        assertThat(attempts).isGreaterThan(1);
        assertThat(increase(
                        mailDue,
                        incident,
                        "cancellation_mails_total",
                        "type",
                        "cancellation_confirmation",
                        "result",
                        "failed"))
                .isEqualTo(attempts);
        assertThat(increase(
                        mailDue,
                        incident,
                        "cancellation_incidents_open",
                        "activity",
                        TASK_SEND_CANCELLATION_CONFIRMATION,
                        "type",
                        "failedJob"))
                .isEqualTo(1);
        assertThat(incident.value("cancellation_incidents_oldest_age_seconds")).isGreaterThanOrEqualTo(7200);
        assertThat(increase(mailDue, incident, "cancellation_jobs_due")).isEqualTo(-1);

        smtp.start();
        managementService.setJobRetries(mail.getId(), 1);
        managementService.executeJob(mail.getId());
        Scrape resolved = scrape();
        assertThat(increase(
                        incident,
                        resolved,
                        "cancellation_mails_total",
                        "type",
                        "cancellation_confirmation",
                        "result",
                        "sent"))
                .isEqualTo(1);
        assertThat(increase(
                        incident,
                        resolved,
                        "cancellation_incidents_open",
                        "activity",
                        TASK_SEND_CANCELLATION_CONFIRMATION))
                .isEqualTo(-1);
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);

        // Access ends: the timer is overdue until it runs, then the lockout notice goes out.
        setClock(PERIOD_END.plus(Duration.ofMinutes(1)));
        Scrape timerDue = scrape();
        executeJob(instance);
        executeJob(instance);
        Scrape locked = scrape();
        assertThat(increase(timerDue, locked, "cancellation_timers_overdue")).isEqualTo(-1);
        assertThat(increase(timerDue, locked, "cancellation_requests_active", "phase", "access_period"))
                .isEqualTo(-1);
        assertThat(increase(timerDue, locked, "cancellation_requests_active", "phase", "locked_period"))
                .isEqualTo(1);
        assertThat(increase(timerDue, locked, "cancellation_mails_total", "type", "lockout_notice", "result", "sent"))
                .isEqualTo(1);

        // Deletion: the reminder, then the purge of the account's 15 CRM rows.
        setClock(PERIOD_END.plus(Duration.ofDays(400)));
        Scrape deletionDue = scrape();
        executeJobsUntilNoneLeft(instance);
        assertThat(instance).isEnded();
        Scrape deleted = scrape();
        assertThat(increase(
                        deletionDue,
                        deleted,
                        "cancellation_mails_total",
                        "type",
                        "deletion_reminder",
                        "result",
                        "sent"))
                .isEqualTo(1);
        assertThat(increase(deletionDue, deleted, "cancellation_purge_rows_total"))
                .isEqualTo(15);
        assertThat(increase(deletionDue, deleted, "cancellation_requests_ended_total", "outcome", "deleted"))
                .isEqualTo(1);
        assertThat(increase(deletionDue, deleted, "cancellation_requests_active", "phase", "locked_period"))
                .isEqualTo(-1);
        assertThat(increase(start, deleted, "cancellation_requests_started_total"))
                .isEqualTo(1);

        // The history of the deleted account waits for the sweep: the lag is the age of the oldest that waits.
        setClock(PERIOD_END.plus(Duration.ofDays(400)).plus(Duration.ofHours(1)));
        Instant oldestWaiting = jdbc.sql(
                        "SELECT MIN(erased_at) FROM erasure_record WHERE erased_at IS NOT NULL AND history_erased_at IS NULL")
                .query(java.time.OffsetDateTime.class)
                .single()
                .toInstant();
        assertThat(scrape().value("cancellation_history_sweep_lag_seconds"))
                .isEqualTo(Duration.between(
                                oldestWaiting,
                                PERIOD_END.plus(Duration.ofDays(400)).plus(Duration.ofHours(1)))
                        .toSeconds())
                .isGreaterThanOrEqualTo(3600);
    }

    @Test
    void aRefreshChangesTheOpenIncidentsValueNotTheirSeries() {
        setClock(NOW);
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
        managementService.setJobRetries(jobOf(instance).getId(), 0);

        gauges.refresh();
        Gauge before = openIncidentsAt(TASK_SEND_CANCELLATION_CONFIRMATION);
        gauges.refresh();

        assertThat(openIncidentsAt(TASK_SEND_CANCELLATION_CONFIRMATION))
                .as("a scrape between two refreshes must find the series: it is never removed and added again")
                .isSameAs(before);
        assertThat(before.value()).isGreaterThanOrEqualTo(1);
    }

    private Gauge openIncidentsAt(String activity) {
        return meters.get(ProcessStateGauges.INCIDENTS_OPEN)
                .tag("activity", activity)
                .tag("type", "failedJob")
                .gauge();
    }

    @Test
    void theScrapeIsForOperationsOnly() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);

        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> admin = rest.withBasicAuth(account.admin(), TestAccounts.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(admin.getBody()).doesNotContain("cancellation_");
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);
        assertThat(rest.withBasicAuth(support, TestAccounts.PASSWORD)
                        .getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** Reads the gauges of the process state now (they are otherwise read on a schedule), then scrapes as operations. */
    private Scrape scrape() {
        identityService.clearAuthentication();
        gauges.refresh();
        String operations = accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS);
        ResponseEntity<String> answer = rest.withBasicAuth(operations, TestAccounts.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return Scrape.of(answer.getBody());
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
