package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONSIDER_RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_GROUP;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.saascrm.statistics.ChurnMonth;
import com.saascrm.statistics.ChurnMonth.GroupFigures;
import com.saascrm.statistics.ChurnMonth.OfferFigures;
import com.saascrm.statistics.MonthlyChurn;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * With the whole share in the control group, a request the table makes an offer to sees none: the step is skipped,
 * and the offer it would have seen is recorded with the control group, for the statistics' comparison.
 * In a JVM of its own: a second application context beside the suite's would register a second process engine under
 * the same name, which the suite's engine-rest and web apps would then find.
 */
@TestPropertySource(properties = "cancellation.retention-offers.control-group-share=1")
class RetentionControlGroupIT extends ProcessTestBase {

    @Autowired
    private MonthlyChurn churn;

    @Autowired
    private CancellationCommands commands;

    @Test
    void theControlGroupSkipsTheOfferAndIsRecorded() {
        setClock(Instant.parse("2043-02-10T10:00:00Z"));
        TestAccount account = customerOfTwoYears();
        ProcessInstance instance = startedWithReason(account, "UNUSED");

        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION).hasNotPassed(TASK_CONSIDER_RETENTION_OFFER);
        assertThat(runtimeService.getVariables(instance.getId()))
                .containsEntry(RETENTION_OFFER.name(), "PAUSE")
                .containsEntry(RETENTION_GROUP.name(), "CONTROL");
        assertThat(jdbc.sql(
                                "SELECT retention_offer || '/' || retention_group FROM cancellation_request WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo("PAUSE/CONTROL");
        assertThat(count(
                        "SELECT COUNT(*) FROM cancellation_request WHERE account_id = ? AND retention_answer IS NULL",
                        account.id()))
                .isEqualTo(1);
    }

    @Test
    void theControlGroupsSaveRateIsCountedApartFromTheOfferedGroups() {
        setClock(Instant.parse("2043-03-10T10:00:00Z"));
        TestAccount cancelling = customerOfTwoYears();
        ProcessInstance cancelled = startedWithReason(cancelling, "UNUSED");
        completeTask(cancelled, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(cancelled);
        TestAccount staying = customerOfTwoYears();
        startedWithReason(staying, "TOO_COMPLEX");
        commands.abandon(staying.id());

        ChurnMonth march =
                churn.between(YearMonth.of(2043, 3), YearMonth.of(2043, 3)).get(0);

        assertThat(march.experiment().control()).isEqualTo(new GroupFigures(2, 1, 0.5));
        assertThat(march.experiment().offered()).isEqualTo(new GroupFigures(0, 0, null));
        assertThat(march.offers().get("PAUSE")).isEqualTo(new OfferFigures(0, 0, 0, 1));
        assertThat(march.offers().get("SUPPORT_CALL")).isEqualTo(new OfferFigures(0, 0, 0, 1));
    }

    private TestAccount customerOfTwoYears() {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2043-12-31T23:59:59Z"));
        accounts.customerSince(account.id(), LocalDate.of(2041, 1, 1));
        return account;
    }
}
