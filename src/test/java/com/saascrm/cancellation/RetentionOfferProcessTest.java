package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.user.GreenMailUser;
import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.mail.MailSettings;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The offer step of the wizard, by offer: accepted (the billing provider applies it once, the request ends
 * RETAINED or PAUSED, nothing is cancelled and no cancellation mail goes out), declined (the wizard goes on), no
 * offer (the step is skipped), a pause to its end, ended early, or become a cancellation. The accounts have been
 * customers for two years, so the business's table makes them offers.
 */
class RetentionOfferProcessTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    @Autowired
    private CancellationStatusQuery status;

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private RepositoryService repositoryService;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private MailSettings mailSettings;

    private TestAccount account;
    private ModelDeployments models;

    @BeforeEach
    void aCustomerOfTwoYears() {
        models = new ModelDeployments(repositoryService);
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        accounts.customerSince(account.id(), LocalDate.of(2025, 1, 1));
    }

    @Test
    void anAcceptedDiscountIsGrantedOnceAndTheRequestEndsRetained() {
        onPlan("ESSENTIAL");
        double discounts = billingCalls("discount");
        ProcessInstance instance = toTheOffer("TOO_EXPENSIVE");

        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()))
                .containsEntry(
                        RETENTION_OFFER_TEXT.name(),
                        "**25 % off** your subscription for the next 3 months, if you stay.");
        answer(instance, "ACCEPT");
        assertThat(instance).isWaitingAt(TASK_APPLY_RETENTION_OFFER);
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_RETAINED).hasNotPassed(TASK_CONFIRM_CANCELLATION);
        assertThat(billingCalls("discount") - discounts).isEqualTo(1);
        assertThat(jdbc.sql("SELECT discount_percent FROM subscription WHERE account_id = ?")
                        .param(account.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(25);
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND discount_ends_at = ?",
                        account.id(),
                        Timestamp.from(Instant.parse("2027-04-10T10:00:00Z"))))
                .isEqualTo(1);
        assertNothingCancelled();
        assertThat(status.of(account.id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.RETAINED);
        assertThat(lastStatistic()).containsExactly("RETAINED", "DISCOUNT", "OFFERED", "ACCEPT");
    }

    @Test
    void anAcceptedCheaperPlanChangesThePlan() {
        double changes = billingCalls("change_plan");
        ProcessInstance instance = toTheOffer("TOO_EXPENSIVE");
        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()).get(RETENTION_OFFER_TEXT.name()))
                .asString()
                .startsWith("**Move to the Advanced plan**");

        answer(instance, "ACCEPT");
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_RETAINED);
        assertThat(billingCalls("change_plan") - changes).isEqualTo(1);
        assertThat(jdbc.sql("SELECT plan_code FROM subscription WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo("ADVANCED");
        assertNothingCancelled();
        assertThat(lastStatistic()).containsExactly("RETAINED", "CHEAPER_PLAN", "OFFERED", "ACCEPT");
    }

    @Test
    void anAcceptedSupportCallIsConfirmedToTheAdminsWithACopyToSupport() throws Exception {
        ProcessInstance instance = toTheOffer("TOO_COMPLEX");
        answer(instance, "ACCEPT");
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(TASK_SEND_SUPPORT_CALL_CONFIRMATION, EVENT_RETAINED);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(Arrays.stream(received).map(this::subjectOf).distinct())
                .containsExactly("Our support team will call you about " + account.companyName());
        assertThat(received[0].getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly(account.email(account.admin()));
        assertThat(Arrays.stream(received).flatMap(mail -> recipientsOf(mail).stream()))
                .as("the blind copy reaches support and shows in no header")
                .doesNotContain(mailSettings.supportAddress());
        GreenMailUser support = smtp.getUserManager().getUserByEmail(mailSettings.supportAddress());
        assertThat(support).as("support got the mail").isNotNull();
        assertThat(smtp.getManagers().getImapHostManager().getInbox(support).getMessageCount())
                .isEqualTo(1);
        assertThat(Mails.text(received[0])).contains("within two working days");
        assertNothingCancelled();
        assertThat(lastStatistic()).containsExactly("RETAINED", "SUPPORT_CALL", "OFFERED", "ACCEPT");
    }

    @Test
    void theOfferIsWordedInTheAccountsLanguage() {
        account = accounts.paidAccount("nb", PERIOD_END);
        accounts.customerSince(account.id(), LocalDate.of(2025, 1, 1));

        ProcessInstance instance = toTheOffer("TOO_COMPLEX");

        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()).get(RETENTION_OFFER_TEXT.name()))
                .asString()
                .startsWith("**En samtale med kundestøtte**");
        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()))
                .as("only the text goes with the task")
                .containsOnlyKeys(RETENTION_OFFER_TEXT.name());
    }

    @Test
    void aDeclinedOfferGoesOnToTheConfirmation() {
        ProcessInstance instance = toTheOffer("TOO_EXPENSIVE");
        answer(instance, "DECLINE");

        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION);
        assertThat(requestRow(account.id())).containsExactly("CHEAPER_PLAN", "OFFERED", "DECLINE");
        completeTask(instance, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(instance);
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(jdbc.sql("SELECT plan_code FROM subscription WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo("PROFESSIONAL");
    }

    @Test
    void anOfferLeftUnansweredAbandonsTheRequestAfterTheIdleTime() {
        ProcessInstance instance = toTheOffer("TOO_EXPENSIVE");
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(14))));

        setClock(NOW.plus(Duration.ofDays(14)));
        executeJob(instance);
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(TIMER_OFFER_IDLE, EVENT_ABANDONED);
        assertNothingCancelled();
        assertThat(lastStatistic()).containsExactly("ABANDONED", "CHEAPER_PLAN", "OFFERED", null);
    }

    @Test
    void withoutAnOfferTheStepIsSkipped() {
        ProcessInstance instance = startedWithReason(account, "MISSING_FEATURES");

        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION).hasPassed(TASK_CHOOSE_RETENTION_OFFER);
        assertThat(instance).hasNotPassed(TASK_CONSIDER_RETENTION_OFFER);
        assertThat(requestRow(account.id())).containsExactly("NONE", null, null);
    }

    @Test
    void anAcceptedPauseResumesBillingAtItsExactEndWithAMailTheWeekBefore() throws Exception {
        double pauses = billingCalls("pause");
        double resumes = billingCalls("resume");
        ProcessInstance instance = toTheOffer("UNUSED");
        assertThat(taskService.getVariablesLocal(taskOf(instance).getId()).get(RETENTION_OFFER_TEXT.name()))
                .asString()
                .startsWith("**Pause your subscription for 3 months**");
        answer(instance, "ACCEPT");
        executeJob(instance);

        Instant pauseEnds = Instant.parse("2027-04-10T10:00:00Z");
        assertThat(instance).isWaitingAt(TIMER_PAUSE_NOTICE_DUE);
        assertThat(billingCalls("pause") - pauses).isEqualTo(1);
        assertThat(pausedUntil(account.id())).isEqualTo(pauseEnds);
        assertThat(status.of(account.id()))
                .get()
                .satisfies(now -> assertThat(now.status()).isEqualTo(State.PAUSED))
                .satisfies(now -> assertThat(now.pauseEndsAt()).isEqualTo(pauseEnds));
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(lastStatistic()).containsExactly("PAUSED", "PAUSE", "OFFERED", "ACCEPT");

        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(Instant.parse("2027-04-03T10:00:00Z")));
        setClock(Instant.parse("2027-04-03T10:00:00Z"));
        executeJob(instance);
        executeJob(instance);
        MimeMessage notice = smtp.getReceivedMessages()[0];
        assertThat(notice.getSubject()).isEqualTo("Billing of " + account.companyName() + " resumes on April 10, 2027");
        assertThat(Mails.text(notice)).contains("on April 10, 2027 at 10:00 AM (UTC)");

        assertThat(instance).isWaitingAt(TIMER_PAUSE_ENDS);
        assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(pauseEnds));
        setClock(pauseEnds);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TASK_RESUME_BILLING);
        executeJob(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_RESUMED);
        assertThat(billingCalls("resume") - resumes).isEqualTo(1);
        assertThat(pausedUntil(account.id())).isNull();
        assertThat(status.of(account.id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.RETAINED);
        assertNothingCancelled();
    }

    @Test
    void aPauseEndsEarlyWhenTheAdminAsks() {
        ProcessInstance instance = toTheOffer("UNUSED");
        answer(instance, "ACCEPT");
        executeJob(instance);
        assertThat(pausedUntil(account.id())).isNotNull();

        commands.resume(account.id());
        assertThat(instance).isWaitingAt(TASK_RESUME_BILLING);
        executeJob(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_RESUMED).hasNotPassed(TASK_SEND_PAUSE_ENDING_NOTICE);
        assertThat(pausedUntil(account.id())).isNull();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aPausedAccountCanBeCancelledAndItsPauseEndsWithoutResumingBilling() {
        double resumes = billingCalls("resume");
        ProcessInstance paused = toTheOffer("UNUSED");
        answer(paused, "ACCEPT");
        executeJob(paused);

        ProcessInstance cancellation = startedWithReason(account, "UNUSED");
        assertThat(cancellation)
                .as("one offer is enough: the table gives a paused account none")
                .isWaitingAt(TASK_CONFIRM_CANCELLATION);
        completeTask(cancellation, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(cancellation);

        assertThat(paused).isEnded().hasPassed(EVENT_PAUSE_BECAME_CANCELLATION).hasNotPassed(TASK_RESUME_BILLING);
        assertThat(billingCalls("resume") - resumes).isZero();
        assertThat(accountStatus(account.id())).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(status.of(account.id()))
                .get()
                .satisfies(now -> assertThat(now.status()).isEqualTo(State.CANCELLED))
                .satisfies(now -> assertThat(now.processInstanceId()).isEqualTo(cancellation.getId()));
    }

    @Test
    void aTableChangedAndDeployedWhileTheApplicationRunsDecidesTheNextRequest() {
        models.deployChangedDecision(
                "<outputEntry id=\"Rule_ExpensiveProfessional_Offer\"><text>\"CHEAPER_PLAN\"</text>",
                "<outputEntry id=\"Rule_ExpensiveProfessional_Offer\"><text>\"SUPPORT_CALL\"</text>",
                "<outputEntry id=\"Rule_ExpensiveProfessional_TargetPlan\"><text>\"ADVANCED\"</text>",
                "<outputEntry id=\"Rule_ExpensiveProfessional_TargetPlan\"><text></text>");

        ProcessInstance instance = toTheOffer("TOO_EXPENSIVE");

        assertThat(runtimeService.getVariable(instance.getId(), RETENTION_OFFER.name()))
                .isEqualTo("SUPPORT_CALL");
    }

    @Test
    void aTableThatOffersAPlanThatDoesNotExistLetsTheAdminGoOnWithoutAnOffer() {
        models.deployChangedDecision(
                "<outputEntry id=\"Rule_ExpensiveProfessional_TargetPlan\"><text>\"ADVANCED\"</text>",
                "<outputEntry id=\"Rule_ExpensiveProfessional_TargetPlan\"><text>\"PLATINUM\"</text>");

        ProcessInstance instance = startedWithReason(account, "TOO_EXPENSIVE");

        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION);
        assertThat(requestRow(account.id())).containsExactly("NONE", null, null);
    }

    private ProcessInstance toTheOffer(String reason) {
        ProcessInstance instance = startedWithReason(account, reason);
        assertThat(instance).isWaitingAt(TASK_CONSIDER_RETENTION_OFFER);
        return instance;
    }

    @AfterEach
    void undeployChangedTables() {
        models.undeployAll();
    }

    private void answer(ProcessInstance instance, String answer) {
        completeTask(instance, Map.of(RETENTION_OFFER_ANSWER.name(), answer));
    }

    private void onPlan(String planCode) {
        jdbc.sql("UPDATE subscription SET plan_code = ? WHERE account_id = ?")
                .params(planCode, account.id())
                .update();
    }

    private double billingCalls(String operation) {
        return meters.get("cancellation.billing.calls")
                .tags("operation", operation, "result", "success")
                .timer()
                .count();
    }

    private void assertNothingCancelled() {
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND cancelled_at IS NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(this::subjectOf))
                .noneMatch(subject -> subject.contains("cancelled"));
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .as("the request has ended")
                .isZero();
    }

    private Instant pausedUntil(String accountId) {
        return jdbc.sql("SELECT paused_until FROM subscription WHERE account_id = ?")
                .param(accountId)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant)
                .orElse(null);
    }

    /** The request's offer, group and answer while it is open. */
    private List<String> requestRow(String accountId) {
        return jdbc.sql(
                        "SELECT retention_offer, retention_group, retention_answer FROM cancellation_request WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> Arrays.asList(
                        rs.getString("retention_offer"),
                        rs.getString("retention_group"),
                        rs.getString("retention_answer")))
                .single();
    }

    /**
     * The anonymous statistic of the request that ended last: outcome, offer, group, answer. It has no account id;
     * the tests run one after the other, so the newest row of the month is the one just ended.
     */
    private List<String> lastStatistic() {
        return jdbc.sql("""
                        SELECT outcome, retention_offer, retention_group, retention_answer FROM cancellation_statistic
                        WHERE request_month = '2027-01' ORDER BY id DESC""")
                .query((rs, row) -> Arrays.asList(
                        rs.getString("outcome"),
                        rs.getString("retention_offer"),
                        rs.getString("retention_group"),
                        rs.getString("retention_answer")))
                .list()
                .get(0);
    }

    private String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> recipientsOf(MimeMessage mail) {
        try {
            return Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
