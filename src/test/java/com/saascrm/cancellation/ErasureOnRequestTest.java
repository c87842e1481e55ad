package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * An account erased on request after its cancellation, instead of six months on: when the cooling-off ends (48
 * hours), with a notice to every admin at once, unless the request is withdrawn first; asked for by an admin or by
 * support for one, with the account id typed as confirmation.
 */
class ErasureOnRequestTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant ASKED = Instant.parse("2027-01-12T09:30:00Z");
    private static final Instant DUE = Instant.parse("2027-01-14T09:30:00Z");

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private CancellationStatusQuery status;

    @Autowired
    private TestRestTemplate rest;

    private TestAccount account;
    private ProcessInstance instance;

    @BeforeEach
    void aCancelledAccount() {
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        instance = cancelledInAccessPeriod(account);
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
        smtp.reset();
    }

    @Test
    void askedForInTheAccessPeriodTheAccountIsErasedWhenTheCoolingOffEnds() throws Exception {
        setClock(ASKED);
        Instant due = commands.requestErasure(account.id(), account.id(), null);

        assertThat(due).isEqualTo(DUE);
        assertThat(jobAt(instance, TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD).getDuedate())
                .isEqualTo(Date.from(DUE));
        assertThat(status.of(account.id()))
                .get()
                .satisfies(now -> assertThat(now.status()).isEqualTo(State.CANCELLED))
                .satisfies(now -> assertThat(now.deletionDueAt()).isEqualTo(DUE))
                .satisfies(now -> assertThat(now.accessEndsAt()).isEqualTo(DUE));

        managementService.executeJob(jobAt(instance, TASK_SEND_DELETION_REQUEST_NOTICE_IN_ACCESS_PERIOD)
                .getId());
        MimeMessage[] notices = smtp.getReceivedMessages();
        assertThat(notices)
                .as("to the admin who cancelled, a copy to the other")
                .hasSize(2);
        MimeMessage notice = notices[0];
        assertThat(notice.getSubject())
                .isEqualTo("The account " + account.companyName() + " will be erased on January 14, 2027, as asked");
        assertThat(notice.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(account.email(account.admin()));
        assertThat(notice.getRecipients(Message.RecipientType.CC))
                .extracting(Object::toString)
                .containsExactly(account.email(account.secondAdmin()));
        assertThat(Mails.text(notice))
                .contains("on January 14, 2027 at 9:30 AM (UTC)")
                .contains("Withdraw the request before then");

        setClock(DUE);
        managementService.executeJob(
                jobAt(instance, TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD).getId());
        executeJobsUntilNoneLeft(instance);

        assertThat(instance)
                .isEnded()
                .hasPassed(TASK_LOCK_OUT_BEFORE_ERASURE, TASK_PURGE_CRM_DATA, EVENT_DELETED)
                .hasNotPassed(TASK_LOCK_OUT_ACCOUNT, TASK_SEND_LOCKOUT_NOTICE);
        assertThat(accountStatus(account.id())).isNull();
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM erasure_record WHERE account_id = ? AND requested_at = ? AND requested_by_support IS NULL",
                        account.id(),
                        Timestamp.from(ASKED)))
                .isOne();
        assertThat(status.of(account.id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.DELETED);
    }

    @Test
    void supportAsksForAnAdminWhileTheAccountIsLockedAndIsRecorded() {
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);

        setClock(ASKED.plus(Duration.ofDays(30)));
        Instant due = commands.requestErasure(account.id(), account.id(), support);
        assertThat(jobAt(instance, TIMER_COOLING_OFF_ENDS_WHILE_LOCKED).getDuedate())
                .isEqualTo(Date.from(due));
        assertThat(status.of(account.id()))
                .get()
                .satisfies(now -> assertThat(now.status()).isEqualTo(State.LOCKED))
                .satisfies(now -> assertThat(now.deletionDueAt()).isEqualTo(due));

        managementService.executeJob(
                jobAt(instance, TASK_SEND_DELETION_REQUEST_NOTICE_WHILE_LOCKED).getId());
        setClock(due);
        managementService.executeJob(
                jobAt(instance, TIMER_COOLING_OFF_ENDS_WHILE_LOCKED).getId());
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_DELETED).hasNotPassed(TASK_SEND_DELETION_REMINDER);
        assertThat(jdbc.sql("SELECT requested_by_support FROM erasure_record WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo(support);
    }

    @Test
    void aRequestWithdrawnDuringTheCoolingOffLeavesTheCancellationAsItWas() {
        setClock(ASKED);
        commands.requestErasure(account.id(), account.id(), null);

        commands.withdrawErasureRequest(account.id());

        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD)
                        .count())
                .isZero();
        assertThat(instance).hasPassed(EVENT_DELETION_REQUEST_WITHDRAWN_IN_ACCESS_PERIOD);
        assertThat(jobAt(instance, TIMER_ACCESS_ENDS).getDuedate()).isEqualTo(Date.from(PERIOD_END));
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(status.of(account.id()))
                .get()
                .satisfies(now -> assertThat(now.accessEndsAt()).isEqualTo(PERIOD_END))
                .satisfies(now -> assertThat(now.deletionDueAt()).isEqualTo(Instant.parse("2027-07-31T23:59:59Z")));
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThatThrownBy(() -> commands.withdrawErasureRequest(account.id()))
                .isInstanceOf(CancellationStateException.class)
                .hasMessageContaining("has no erasure request to withdraw");
    }

    @Test
    void aConfirmationThatIsNotTheAccountIdChangesNothing() {
        assertThatThrownBy(() -> commands.requestErasure(account.id(), "yes", null))
                .isInstanceOf(ErasureConfirmationException.class)
                .hasMessage("To erase account '" + account.id()
                        + "' now, type its id as the confirmation: the erasure cannot be undone");

        assertNothingAsked();
    }

    @Test
    void beforeTheCancellationAndASecondTimeItIsRefused() {
        TestAccount inTheWizard = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance wizard = startAs(inTheWizard.admin(), inTheWizard.id());
        assertThatThrownBy(() -> commands.requestErasure(inTheWizard.id(), inTheWizard.id(), null))
                .isInstanceOf(CancellationStateException.class)
                .hasMessageContaining("only after the cancellation");
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", inTheWizard.id()))
                .isZero();
        assertThat(wizard).isWaitingAt(TASK_REVIEW_ACCOUNT_DATA);

        setClock(ASKED);
        commands.requestErasure(account.id(), account.id(), null);
        setClock(ASKED.plusSeconds(60));
        assertThatThrownBy(() -> commands.requestErasure(account.id(), account.id(), null))
                .isInstanceOf(CancellationStateException.class)
                .hasMessageContaining("has been asked for already; it is due at " + DUE);
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD)
                        .count())
                .as("one cooling-off")
                .isOne();
    }

    @Test
    void throughTheApiForAdminsAndSupportOnlyAndWithTheTypedConfirmation() {
        TestAccount other = accounts.paidAccount("en", PERIOD_END);
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);
        String path = "/api/accounts/" + account.id() + "/erasure-request";
        setClock(ASKED);

        ResponseEntity<String> foreign = rest.withBasicAuth(other.admin(), TestAccounts.PASSWORD)
                .postForEntity(path, Map.of("confirmation", account.id()), String.class);
        ResponseEntity<String> unconfirmed = rest.withBasicAuth(support, TestAccounts.PASSWORD)
                .postForEntity(path, Map.of("confirmation", "yes"), String.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(unconfirmed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unconfirmed.getBody()).contains("type its id as the confirmation");
        ResponseEntity<String> badAddress = rest.withBasicAuth(account.admin(), TestAccounts.PASSWORD)
                .postForEntity(
                        path,
                        Map.of("confirmation", account.id(), "certificateAddress", "not an address"),
                        String.class);
        assertThat(badAddress.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badAddress.getBody()).contains("certificateAddress");
        assertNothingAsked();

        ResponseEntity<Map> asked = rest.withBasicAuth(support, TestAccounts.PASSWORD)
                .postForEntity(path, Map.of("confirmation", account.id()), Map.class);
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(asked.getBody()).containsEntry("deletionDueAt", DUE.toString());
        assertThat(jdbc.sql("SELECT requested_by_support FROM erasure_request WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo(support);

        ResponseEntity<Map> withdrawn = rest.withBasicAuth(account.admin(), TestAccounts.PASSWORD)
                .exchange(path, HttpMethod.DELETE, null, Map.class);
        assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody()).containsEntry("deletionDueAt", "2027-07-31T23:59:59Z");
    }

    private void assertNothingAsked() {
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .as("the access period's timer, and nothing else")
                .isOne();
        assertThat(jobAt(instance, TIMER_ACCESS_ENDS)).isNotNull();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
