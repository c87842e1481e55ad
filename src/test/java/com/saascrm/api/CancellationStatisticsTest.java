package com.saascrm.api;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ANSWER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.api.client.StatisticsApi;
import com.saascrm.api.client.model.ChurnMonth;
import com.saascrm.api.client.model.GroupFigures;
import com.saascrm.api.client.model.OfferFigures;
import com.saascrm.cancellation.CancellationCommands;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The monthly figures after a scripted set of requests in two months of their own (no other test makes requests
 * then): abandoned before a reason, kept at the review, withdrawn, and deleted after the whole lifecycle.
 */
class CancellationStatisticsTest extends ProcessTestBase {

    private static final String BY_MONTH = "/api/statistics/cancellations-by-month";

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private CancellationCommands commands;

    @Test
    void eachMonthCountsItsEndedRequestsByReasonAndOutcome() {
        setClock(Instant.parse("2041-03-05T10:00:00Z"));
        TestAccount abandoning = accounts.paidAccount("en", Instant.parse("2041-03-31T23:59:59Z"));
        startAs(abandoning.admin(), abandoning.id());
        commands.abandon(abandoning.id());

        TestAccount withdrawing = accounts.paidAccount("en", Instant.parse("2041-03-31T23:59:59Z"));
        ProcessInstance withdrawn = startAs(withdrawing.admin(), withdrawing.id());
        completeWizard(withdrawn, "TOO_EXPENSIVE");
        commands.withdraw(withdrawing.id());
        executeJobsUntilNoneLeft(withdrawn);

        setClock(Instant.parse("2041-04-02T10:00:00Z"));
        TestAccount keeping = accounts.paidAccount("nb", Instant.parse("2041-04-30T23:59:59Z"));
        ProcessInstance kept = startAs(keeping.admin(), keeping.id());
        completeTask(kept, Map.of(REVIEW_DECISION.name(), "KEEP_SUBSCRIPTION"));

        TestAccount leaving = accounts.paidAccount("en", Instant.parse("2041-04-30T23:59:59Z"));
        ProcessInstance deleted = startAs(leaving.admin(), leaving.id());
        completeWizard(deleted, "UNUSED");
        setClock(Instant.parse("2041-12-01T00:00:00Z"));
        executeJobsUntilNoneLeft(deleted);
        assertThat(accountStatus(leaving.id())).isNull();

        List<ChurnMonth> months = asOperations().getCancellationsByMonth("2041-02", "2041-05");

        assertThat(months).extracting(ChurnMonth::getMonth).containsExactly("2041-02", "2041-03", "2041-04", "2041-05");
        assertThat(months.get(0).getEnded()).isZero();
        assertThat(months.get(1).getEnded()).isEqualTo(2);
        assertThat(months.get(1).getByReason())
                .containsEntry("NOT_GIVEN", 1L)
                .containsEntry("TOO_EXPENSIVE", 1L)
                .containsEntry("UNUSED", 0L);
        assertThat(months.get(1).getByOutcome())
                .containsEntry("ABANDONED", 1L)
                .containsEntry("WITHDRAWN", 1L)
                .containsEntry("DELETED", 0L);
        assertThat(months.get(2).getEnded()).isEqualTo(2);
        assertThat(months.get(2).getByReason()).containsEntry("NOT_GIVEN", 1L).containsEntry("UNUSED", 1L);
        assertThat(months.get(2).getByOutcome()).containsEntry("ABANDONED", 1L).containsEntry("DELETED", 1L);
        assertThat(months.get(3).getEnded()).isZero();
    }

    @Test
    void offersShownAcceptedAndDeclinedAndTheSaveRateOfTheOfferedGroup() {
        setClock(Instant.parse("2042-01-12T10:00:00Z"));
        ProcessInstance discount = startedWithReason(customer("ESSENTIAL"), "TOO_EXPENSIVE");
        answer(discount, "ACCEPT");
        executeJobsUntilNoneLeft(discount);
        ProcessInstance pause = startedWithReason(customer("PROFESSIONAL"), "UNUSED");
        answer(pause, "ACCEPT");
        executeJobsUntilNoneLeft(pause);
        ProcessInstance cheaperPlan = startedWithReason(customer("PROFESSIONAL"), "TOO_EXPENSIVE");
        answer(cheaperPlan, "DECLINE");
        completeTask(cheaperPlan, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(cheaperPlan);
        TestAccount leavingAfterTheOffer = customer("PROFESSIONAL");
        ProcessInstance supportCall = startedWithReason(leavingAfterTheOffer, "TOO_COMPLEX");
        answer(supportCall, "DECLINE");
        commands.abandon(leavingAfterTheOffer.id());
        TestAccount newCustomer = accounts.paidAccount("en", Instant.parse("2042-01-31T23:59:59Z"));
        completeWizard(startAs(newCustomer.admin(), newCustomer.id()), "TOO_EXPENSIVE");
        TestAccount stillThinking = customer("PROFESSIONAL");
        startAs(stillThinking.admin(), stillThinking.id());

        ChurnMonth january =
                asOperations().getCancellationsByMonth("2042-01", "2042-01").get(0);

        assertThat(january.getEnded()).isEqualTo(3);
        assertThat(january.getByOutcome())
                .containsEntry("RETAINED", 1L)
                .containsEntry("PAUSED", 1L)
                .containsEntry("ABANDONED", 1L)
                .containsEntry("DELETED", 0L);
        assertThat(january.getStillOpen()).containsEntry("CANCELLED", 2L).containsEntry("IN_WIZARD", 1L);
        Map<String, OfferFigures> offers = january.getOffers();
        assertThat(offers).containsOnlyKeys("DISCOUNT", "PAUSE", "CHEAPER_PLAN", "SUPPORT_CALL");
        assertThat(offers.get("DISCOUNT")).isEqualTo(offer(1, 1, 0));
        assertThat(offers.get("PAUSE")).isEqualTo(offer(1, 1, 0));
        assertThat(offers.get("CHEAPER_PLAN")).isEqualTo(offer(1, 0, 1));
        assertThat(offers.get("SUPPORT_CALL")).isEqualTo(offer(1, 0, 1));
        assertThat(january.getExperiment().getOffered())
                .as("the declined support call was left in the wizard: saved as well")
                .isEqualTo(new GroupFigures().decided(4L).saved(3L).saveRate(0.75));
        assertThat(january.getExperiment().getControl())
                .as("no control group in this test")
                .isEqualTo(new GroupFigures().decided(0L).saved(0L).saveRate(null));
    }

    @Test
    void aRangeThatIsBackwardsTooLongOrUnreadableIs400AndStaffOnly() {
        TestRestTemplate operations = rest.withBasicAuth(
                accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD);
        assertProblem(operations, "?from=2041-05&to=2041-02", "from 2041-05 is after to 2041-02");
        assertProblem(operations, "?from=2030-01&to=2033-01", "is more than 36 months");
        assertThat(operations.getForEntity(BY_MONTH + "?from=May", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(operations.getForEntity(BY_MONTH, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        TestAccount account = accounts.paidAccount("en", Instant.parse("2041-03-31T23:59:59Z"));
        assertThat(rest.withBasicAuth(account.admin(), TestAccounts.PASSWORD)
                        .getForEntity(BY_MONTH, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    private void completeWizard(ProcessInstance instance, String reason) {
        completeTask(instance, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
        completeTask(instance, Map.of(CANCELLATION_REASON.name(), reason));
        completeTask(instance, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(instance);
        executeJob(instance);
    }

    /** A customer of two years, on the plan given: the decision table makes it an offer. */
    private TestAccount customer(String planCode) {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2042-01-31T23:59:59Z"));
        accounts.customerSince(account.id(), LocalDate.of(2040, 1, 1));
        jdbc.sql("UPDATE subscription SET plan_code = ? WHERE account_id = ?")
                .params(planCode, account.id())
                .update();
        return account;
    }

    private void answer(ProcessInstance instance, String answer) {
        completeTask(instance, Map.of(RETENTION_OFFER_ANSWER.name(), answer));
    }

    private StatisticsApi asOperations() {
        return new GeneratedApi(
                        rest, accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD)
                .statistics();
    }

    private static OfferFigures offer(long shown, long accepted, long declined) {
        return new OfferFigures()
                .shown(shown)
                .accepted(accepted)
                .declined(declined)
                .controlGroup(0L);
    }

    private static void assertProblem(TestRestTemplate caller, String query, String detail) {
        ResponseEntity<String> answer = caller.getForEntity(BY_MONTH + query, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains(detail);
    }
}
