package com.saascrm.erasure;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.cancellation.AccountHistoryErasure;
import com.saascrm.cancellation.CancellationCommands;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The erasure's proof (docs/architecture.md, Erasure): every personal field of an account carries a marker; the
 * account lives through a retention offer it took (a pause, with a comment to its reason) and then cancelled, an
 * earlier withdrawn cancellation, a failed and retried mail (incidents, job logs, stack
 * traces), the questionnaire, lockout, reminder and purge; then no column of any table holds the marker. Another account keeps its own.
 */
class ErasureLeavesNoTraceTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-05T08:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    @Autowired
    private DataSource dataSource;

    @Autowired
    private HistoryService historyService;

    @Autowired
    private AccountHistoryErasure historyErasure;

    @Autowired
    private AccountIdentities identities;

    @Autowired
    private CancellationCommands commands;

    @Test
    void noMarkerOfAnErasedAccountIsLeftAnywhere() throws Exception {
        setClock(NOW);
        String marker = "qzx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String otherMarker =
                "qzy" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String accountId = "erased-" + marker.substring(3, 9);
        Fixture erased = createAccount(accountId, marker);
        Fixture kept = createAccount("kept-" + otherMarker.substring(3, 9), otherMarker);

        accounts.customerSince(accountId, LocalDate.of(2024, 1, 1));
        ProcessInstance paused = startAs(erased.admin, accountId);
        completeAs(erased.admin, paused, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
        completeAs(
                erased.admin,
                paused,
                Map.of(CANCELLATION_REASON.name(), "UNUSED", REASON_COMMENT.name(), "Comment " + marker));
        completeAs(erased.admin, paused, Map.of(RETENTION_OFFER_ANSWER.name(), "ACCEPT"));
        executeJob(paused);
        assertThat(paused).as("retained first, with a pause").isWaitingAt(TIMER_PAUSE_NOTICE_DUE);

        ProcessInstance withdrawn = startAs(erased.admin, accountId);
        completeWizard(withdrawn, erased, marker);
        runBillingStep(withdrawn);
        assertThat(paused).as("then cancelled").isEnded().hasPassed(EVENT_PAUSE_BECAME_CANCELLATION);
        executeJob(withdrawn);
        runtimeService.correlateMessage(Messages.WITHDRAWAL_REQUESTED, accountId);
        runBillingStep(withdrawn);
        executeJob(withdrawn);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(withdrawn.getId())
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(EVENT_WITHDRAWN);

        ProcessInstance instance = startAs(erased.admin, accountId);
        completeWizard(instance, erased, marker);
        runBillingStep(instance);
        failMailUntilIncidentThenRetry(instance);
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        setClock(Instant.parse("2027-07-17T23:59:59Z"));
        executeJob(instance);
        executeJob(instance);
        setClock(Instant.parse("2027-07-31T23:59:59Z"));
        executeJob(instance);
        executeJobsUntilNoneLeft(instance);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(EVENT_DELETED);

        DatabaseScan scan = new DatabaseScan(dataSource);
        assertThat(scan.find(marker)).as("before the history is erased").isNotEmpty();
        assertThat(historyService
                        .createHistoricDecisionInstanceQuery()
                        .processInstanceId(paused.getId())
                        .count())
                .as("the retention offer's decision")
                .isOne();
        assertThat(historyErasure.eraseDueHistory()).isGreaterThanOrEqualTo(1);
        assertThat(historyService
                        .createHistoricDecisionInstanceQuery()
                        .processInstanceId(paused.getId())
                        .count())
                .as("the decision's history goes with the account's: its inputs are the account's facts")
                .isZero();

        assertThat(scan.tableCount()).isGreaterThan(50);
        assertThat(scan.find(marker))
                .as("columns that still hold the erased account's marker")
                .isEmpty();
        assertThat(scan.find(otherMarker))
                .as("the other account is untouched")
                .contains("ACCOUNT.COMPANY_NAME", "APP_USER.EMAIL", "CRM_NOTE.CONTENT")
                .as("Camunda reads account users from the domain: no copy of them in its identity tables")
                .noneMatch(column -> column.startsWith("ACT_ID_"));
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM erasure_record WHERE account_id = ? AND history_erased_at IS NOT NULL")
                        .param(accountId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM cancellation_statistic WHERE outcome IN ('WITHDRAWN', 'DELETED') AND reason_code = 'OTHER'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'PAUSED' AND retention_offer = 'PAUSE'")
                        .query(Long.class)
                        .single())
                .as("the pause stays in the anonymous statistics")
                .isGreaterThanOrEqualTo(1);
        assertThat(identityService.createUserQuery().userId(kept.admin).count())
                .as("the other account's login")
                .isEqualTo(1);
    }

    /** Erased on request two days after the cancellation, by support for the admin: the same proof. */
    @Test
    void noMarkerOfAnAccountErasedOnRequestIsLeftAnywhere() throws Exception {
        setClock(NOW);
        String marker = "qzr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String accountId = "asked-" + marker.substring(3, 9);
        Fixture erased = createAccount(accountId, marker);
        ProcessInstance instance = startAs(erased.admin, accountId);
        completeWizard(instance, erased, marker);
        runBillingStep(instance);
        executeJob(instance);

        setClock(NOW.plus(Duration.ofDays(2)));
        Instant due = commands.requestErasure(
                accountId, accountId, accounts.staffUser(staffIdentities, AccountGroups.SUPPORT));
        managementService.executeJob(jobAt(instance, TASK_SEND_DELETION_REQUEST_NOTICE_IN_ACCESS_PERIOD)
                .getId());
        setClock(due);
        managementService.executeJob(
                jobAt(instance, TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD).getId());
        executeJobsUntilNoneLeft(instance);
        assertThat(instance).isEnded().hasPassed(TASK_LOCK_OUT_BEFORE_ERASURE, EVENT_DELETED);

        DatabaseScan scan = new DatabaseScan(dataSource);
        assertThat(scan.find(marker)).as("before the history is erased").isNotEmpty();
        assertThat(historyErasure.eraseDueHistory()).isGreaterThanOrEqualTo(1);
        assertThat(scan.find(marker))
                .as("columns that still hold the marker of the account erased on request")
                .isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_record WHERE account_id = ? AND requested_at IS NOT NULL")
                        .param(accountId)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    private record Fixture(String admin, String secondAdmin) {}

    private Fixture createAccount(String accountId, String marker) {
        jdbc.sql(
                        "INSERT INTO account (id, company_name, locale, time_zone, status, trial) VALUES (?, ?, 'en', 'UTC', 'ACTIVE', FALSE)")
                .params(accountId, "Company " + marker)
                .update();
        jdbc.sql("INSERT INTO subscription (account_id, plan_code, current_period_end) VALUES (?, 'PROFESSIONAL', ?)")
                .params(accountId, PERIOD_END.atOffset(ZoneOffset.UTC))
                .update();
        String admin = marker + "-admin";
        String secondAdmin = marker + "-second";
        for (String login : new String[] {admin, secondAdmin, marker + "-user"}) {
            jdbc.sql("INSERT INTO app_user (login, name, email) VALUES (?, ?, ?)")
                    .params(
                            login,
                            "Name " + marker + " " + login.substring(login.lastIndexOf('-') + 1),
                            login + "@mail.example")
                    .update();
            jdbc.sql("INSERT INTO account_membership (account_id, login, settings_access) VALUES (?, ?, ?)")
                    .params(accountId, login, !login.endsWith("-user"))
                    .update();
        }
        jdbc.sql("INSERT INTO crm_organization (account_id, name, address) VALUES (?, ?, ?)")
                .params(accountId, "Org " + marker, "Street " + marker)
                .update();
        long organization = jdbc.sql("SELECT MAX(id) FROM crm_organization WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO crm_person (account_id, organization_id, name, email, phone) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, organization, "Person " + marker, marker + "@customer.example", "+47 " + marker)
                .update();
        jdbc.sql(
                        "INSERT INTO crm_deal (account_id, organization_id, title, value_cents, currency, stage) VALUES (?, ?, ?, 1, 'NOK', 'LEAD')")
                .params(accountId, organization, "Deal " + marker)
                .update();
        jdbc.sql("INSERT INTO crm_activity (account_id, subject, done) VALUES (?, ?, FALSE)")
                .params(accountId, "Call " + marker)
                .update();
        jdbc.sql("INSERT INTO crm_note (account_id, organization_id, content) VALUES (?, ?, ?)")
                .params(accountId, organization, "Note " + marker)
                .update();
        identities.provision(accountId, "password-" + marker);
        return new Fixture(admin, secondAdmin);
    }

    /** The wizard as Tasklist does it: the admin authenticated, free text in every field. */
    private void completeWizard(ProcessInstance instance, Fixture account, String marker) {
        WizardAnswers.withFreeText("OTHER", marker).completeEach(step -> completeAs(account.admin, instance, step));
    }

    private void completeAs(String login, ProcessInstance instance, Map<String, Object> variables) {
        authenticateAs(login);
        try {
            String taskId = taskOf(instance).getId();
            taskService.claim(taskId, login);
            taskService.complete(taskId, variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void failMailUntilIncidentThenRetry(ProcessInstance instance) {
        smtp.stop();
        Job mail = jobOf(instance);
        for (int attempt = 0; attempt < 10 && jobOf(instance).getRetries() > 0; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(mail.getId())).isNotNull();
        }
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isEqualTo(1);
        smtp.start();
        managementService.setJobRetries(mail.getId(), 1);
        managementService.executeJob(mail.getId());
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly(TIMER_ACCESS_ENDS);
    }
}
