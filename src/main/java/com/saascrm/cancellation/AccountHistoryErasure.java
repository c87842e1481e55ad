package com.saascrm.cancellation;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.erasure.AccountErasure;
import com.saascrm.erasure.ErasureSettings;

/**
 * The Camunda side of the GDPR deletion. Camunda keeps the history of every cancellation of an account (withdrawn,
 * abandoned and refused attempts too) and of the erasure asked for in Tasklist: who started it, who completed which
 * task, variables, incidents, job logs.
 * Once the purge has deleted the account and its cancellation has ended, all of that history goes, with the
 * user-operation log entries that Camunda's own history deletion leaves behind.
 */
@Service
public class AccountHistoryErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountHistoryErasure.class);

    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final AccountErasure erasure;
    private final TransactionTemplate transaction;

    AccountHistoryErasure(
            HistoryService historyService,
            RuntimeService runtimeService,
            AccountErasure erasure,
            TransactionTemplate transaction) {
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.erasure = erasure;
        this.transaction = transaction;
    }

    /** Erases the history of every erased account whose process instances have all ended; returns how many. */
    public int eraseDueHistory() {
        int erased = 0;
        for (String accountId : erasure.accountsAwaitingHistoryErasure()) {
            if (runtimeService
                            .createProcessInstanceQuery()
                            .processInstanceBusinessKey(accountId)
                            .count()
                    > 0) {
                continue;
            }
            transaction.executeWithoutResult(status -> {
                eraseHistoryOf(accountId);
                erasure.markHistoryErased(accountId);
            });
            erased++;
        }
        return erased;
    }

    private void eraseHistoryOf(String accountId) {
        List<String> instanceIds =
                historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(accountId)
                        .list()
                        .stream()
                        .map(HistoricProcessInstance::getId)
                        .toList();
        for (String instanceId : instanceIds) {
            historyService.createUserOperationLogQuery().processInstanceId(instanceId).list().stream()
                    .map(UserOperationLogEntry::getId)
                    .distinct()
                    .forEach(historyService::deleteUserOperationLogEntry);
            // Deleting a process instance's history leaves its decisions' (the retention offer's inputs) behind.
            historyService.createHistoricDecisionInstanceQuery().processInstanceId(instanceId).list().stream()
                    .map(HistoricDecisionInstance::getId)
                    .forEach(historyService::deleteHistoricDecisionInstanceByInstanceId);
        }
        if (!instanceIds.isEmpty()) {
            historyService.deleteHistoricProcessInstancesIfExists(instanceIds);
        }
        log.info("Erased the process history of account {}: {} process instances", accountId, instanceIds.size());
    }

    /**
     * Looks for due history every {@link ErasureSettings#historySweepDelay()} where
     * {@link ErasureSettings#historySweepEnabled()}; a failed look is tried again at the next one.
     */
    @Service
    static class Sweep implements SchedulingConfigurer {

        private final AccountHistoryErasure historyErasure;
        private final ErasureSettings settings;

        Sweep(AccountHistoryErasure historyErasure, ErasureSettings settings) {
            this.historyErasure = historyErasure;
            this.settings = settings;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            if (settings.historySweepEnabled()) {
                registrar.addFixedDelayTask(
                        new FixedDelayTask(this::sweep, settings.historySweepDelay(), settings.historySweepDelay()));
            }
        }

        void sweep() {
            try {
                historyErasure.eraseDueHistory();
            } catch (RuntimeException e) {
                log.warn("History erasure failed; it is tried again at the next sweep", e);
            }
        }
    }
}
