package com.saascrm.erasure;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.EVENT_DELETED;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_PURGE_CRM_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CRM_ROWS_PURGED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.crm.CrmData;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.ErasureProbe;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** The purge of a big account: bounded transactions, progress, and a crash in the middle that it survives. */
class LargeAccountPurgeTest extends ProcessTestBase {

    private static final int BATCH_SIZE = 10_000;
    private static final Duration JOB_LOCK_TIME = Duration.ofMinutes(5);
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    @Autowired
    private ErasureProbe probe;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private CrmData crmData;

    @AfterEach
    void disarm() {
        probe.disarm();
    }

    @Test
    void aMillionRowsArePurgedInTransactionsOfAtMostTenThousand() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        new BulkCrmData(jdbc, dataSource).add(account.id(), 1_000_000);
        long rows = crmData.countsOf(account.id()).total();
        assertThat(rows).isEqualTo(1_000_015);
        ProcessInstance instance = bringToPurge(account);

        executeJobsUntilNoneLeft(instance);

        assertThat(historyEndActivity(instance)).isEqualTo(EVENT_DELETED);
        List<CrmBatchErased> batches = probe.batchesOf(account.id());
        assertThat(batches).allSatisfy(batch -> assertThat(batch.rows()).isLessThanOrEqualTo(BATCH_SIZE));
        assertThat(batches).allSatisfy(batch -> assertThat(batch.took()).isLessThan(JOB_LOCK_TIME));
        assertThat(batches.stream().mapToLong(CrmBatchErased::rows).sum()).isEqualTo(rows);
        assertThat(batches).hasSize((int) (rows / BATCH_SIZE) + 1);
        assertErasedCompletely(account, rows);
    }

    @Test
    void aPurgeThatFailsHalfwayResumesWhereItStoppedAndFinishes() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        new BulkCrmData(jdbc, dataSource).add(account.id(), 100_000);
        long rows = crmData.countsOf(account.id()).total();
        ProcessInstance instance = bringToPurge(account);
        probe.failAfter(4);

        executeJob(instance);
        for (int batch = 0; batch < 4; batch++) {
            executeJob(instance);
        }
        assertThatThrownBy(() -> executeJob(instance)).hasMessageContaining("Injected failure after 4 batches");

        assertThat(crmData.countsOf(account.id()).total())
                .as("four batches committed, the fifth rolled back")
                .isEqualTo(rows - 4 * BATCH_SIZE);
        assertThat(jdbc.sql(
                                "SELECT organizations + persons + deals + activities + notes FROM erasure_record WHERE account_id = ?")
                        .param(account.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(4L * BATCH_SIZE);
        assertThat(runtimeService.getVariable(instance.getId(), CRM_ROWS_PURGED.name()))
                .isEqualTo(4L * BATCH_SIZE);
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly(TASK_PURGE_CRM_DATA);

        probe.disarm();
        executeJobsUntilNoneLeft(instance);

        assertThat(historyEndActivity(instance)).isEqualTo(EVENT_DELETED);
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        assertErasedCompletely(account, rows);
    }

    /** Start, wizard, mails, lockout and reminder; returns with the deletion timer fired and the purge next. */
    private ProcessInstance bringToPurge(TestAccount account) {
        setClock(Instant.parse("2027-01-10T10:00:00Z"));
        ProcessInstance instance = startAs(account.admin(), account.id());
        completeTask(instance, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
        completeTask(instance, Map.of(CANCELLATION_REASON.name(), "TOO_EXPENSIVE"));
        completeTask(instance, Map.of(DATA_LOSS_CONSENT.name(), true));
        runBillingStep(instance);
        executeJob(instance);
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        setClock(Instant.parse("2027-07-31T23:59:59Z"));
        executeJob(instance);
        executeJob(instance);
        assertThat(runtimeService.getActiveActivityIds(instance.getId())).containsExactly("Timer_DeletionDue");
        return instance;
    }

    private void assertErasedCompletely(TestAccount account, long rows) {
        assertThat(crmData.countsOf(account.id()).total()).isZero();
        assertThat(accountStatus(account.id())).isNull();
        assertThat(jdbc.sql("""
                SELECT organizations + persons + deals + activities + notes FROM erasure_record
                WHERE account_id = ? AND erased_at IS NOT NULL""").param(account.id()).query(Long.class).single()).isEqualTo(rows);
    }

    private String historyEndActivity(ProcessInstance instance) {
        return processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId())
                .singleResult()
                .getEndActivityId();
    }
}
