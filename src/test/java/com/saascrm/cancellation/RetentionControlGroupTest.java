package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONSIDER_RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_GROUP;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * With the whole share in the control group, a request the table makes an offer to sees none: the step is skipped,
 * and the offer it would have seen is recorded with the control group, for the statistics' comparison.
 */
@TestPropertySource(properties = "cancellation.retention-offers.control-group-share=1")
class RetentionControlGroupTest extends ProcessTestBase {

    @Test
    void theControlGroupSkipsTheOfferAndIsRecorded() {
        setClock(Instant.parse("2027-01-10T10:00:00Z"));
        TestAccount account = accounts.paidAccount("en", Instant.parse("2027-01-31T23:59:59Z"));
        jdbc.sql("UPDATE account SET customer_since = ? WHERE id = ?")
                .params(LocalDate.of(2025, 1, 1), account.id())
                .update();

        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
        completeTask(instance, Map.of(CANCELLATION_REASON.name(), "UNUSED"));

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
}
