package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CRM_DATA_LEFT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CRM_ROWS_PURGED;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.crm.CrmCounts;
import com.saascrm.erasure.AccountErasure;
import com.saascrm.erasure.ErasureSettings;

/**
 * One batch of the purge: the model loops over this asynchronous step, so each batch is a job and a transaction
 * of its own, far shorter than the job lock time, and Cockpit shows the rows purged so far.
 */
@Component("purgeCrmData")
class PurgeCrmDataDelegate implements JavaDelegate {

    private final AccountErasure erasure;
    private final ErasureSettings settings;

    PurgeCrmDataDelegate(AccountErasure erasure, ErasureSettings settings) {
        this.erasure = erasure;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CrmCounts deleted = erasure.eraseCrmBatch(accountOf(execution), settings.batchSize());
        CRM_ROWS_PURGED.set(execution, CRM_ROWS_PURGED.find(execution).orElse(0L) + deleted.total());
        CRM_DATA_LEFT.set(execution, deleted.total() == settings.batchSize());
    }
}
