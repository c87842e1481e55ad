package com.saascrm.api;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ANSWER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.cancellation.CancellationCommands;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The monthly figures after a scripted set of requests in two months of their own (no other test makes requests
 * then): abandoned before a reason, kept at the review, withdrawn, and deleted after the whole lifecycle.
 */
class CancellationStatisticsTest extends ProcessTestBase {

    private static final String BY_MONTH = "/api/statistics/cancellations-by-month";
    private static final ParameterizedTypeReference<List<Map<String, Object>>> MONTHS =
            new ParameterizedTypeReference<>() {};

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

        ResponseEntity<List<Map<String, Object>>> answer =
                asOperations().exchange(BY_MONTH + "?from=2041-02&to=2041-05", HttpMethod.GET, null, MONTHS);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> months = answer.getBody();
        assertThat(months)
                .extracting(month -> month.get("month"))
                .containsExactly("2041-02", "2041-03", "2041-04", "2041-05");
        assertThat(months.get(0)).containsEntry("ended", 0);
        assertThat(months.get(1)).containsEntry("ended", 2);
        assertThat(counts(months.get(1), "byReason"))
                .containsEntry("NOT_GIVEN", 1)
                .containsEntry("TOO_EXPENSIVE", 1)
                .containsEntry("UNUSED", 0);
        assertThat(counts(months.get(1), "byOutcome"))
                .containsEntry("ABANDONED", 1)
                .containsEntry("WITHDRAWN", 1)
                .containsEntry("DELETED", 0);
        assertThat(months.get(2)).containsEntry("ended", 2);
        assertThat(counts(months.get(2), "byReason"))
                .containsEntry("NOT_GIVEN", 1)
                .containsEntry("UNUSED", 1);
        assertThat(counts(months.get(2), "byOutcome"))
                .containsEntry("ABANDONED", 1)
                .containsEntry("DELETED", 1);
        assertThat(months.get(3)).containsEntry("ended", 0);
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

        Map<String, Object> january = asOperations()
                .exchange(BY_MONTH + "?from=2042-01&to=2042-01", HttpMethod.GET, null, MONTHS)
                .getBody()
                .get(0);

        assertThat(january).containsEntry("ended", 3);
        assertThat(counts(january, "byOutcome"))
                .containsEntry("RETAINED", 1)
                .containsEntry("PAUSED", 1)
                .containsEntry("ABANDONED", 1)
                .containsEntry("DELETED", 0);
        assertThat(counts(january, "stillOpen")).containsEntry("CANCELLED", 2).containsEntry("IN_WIZARD", 1);
        Map<String, Object> offers = counts(january, "offers");
        assertThat(offers).containsOnlyKeys("DISCOUNT", "PAUSE", "CHEAPER_PLAN", "SUPPORT_CALL");
        assertThat(offers.get("DISCOUNT"))
                .isEqualTo(Map.of("shown", 1, "accepted", 1, "declined", 0, "controlGroup", 0));
        assertThat(offers.get("PAUSE")).isEqualTo(Map.of("shown", 1, "accepted", 1, "declined", 0, "controlGroup", 0));
        assertThat(offers.get("CHEAPER_PLAN"))
                .isEqualTo(Map.of("shown", 1, "accepted", 0, "declined", 1, "controlGroup", 0));
        assertThat(offers.get("SUPPORT_CALL"))
                .isEqualTo(Map.of("shown", 1, "accepted", 0, "declined", 1, "controlGroup", 0));
        Map<String, Object> experiment = counts(january, "experiment");
        assertThat(experiment.get("offered"))
                .as("the declined support call was left in the wizard: saved as well")
                .isEqualTo(Map.of("decided", 4, "saved", 3, "saveRate", 0.75));
        Map<String, Object> noneDecided = new HashMap<>(Map.of("decided", 0, "saved", 0));
        noneDecided.put("saveRate", null);
        assertThat(experiment.get("control"))
                .as("no control group in this test")
                .isEqualTo(noneDecided);
    }

    @Test
    void aRangeThatIsBackwardsTooLongOrUnreadableIs400AndStaffOnly() {
        TestRestTemplate operations = asOperations();
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

    private TestRestTemplate asOperations() {
        return rest.withBasicAuth(accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD);
    }

    private static void assertProblem(TestRestTemplate caller, String query, String detail) {
        ResponseEntity<String> answer = caller.getForEntity(BY_MONTH + query, String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains(detail);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> month, String key) {
        return (Map<String, Object>) month.get(key);
    }
}
