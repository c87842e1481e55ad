package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.account.Subscription;
import com.saascrm.billing.BillingProvider;
import com.saascrm.billing.SubscriptionState;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Once a day compares every cancellation that waits for its lockout with the billing provider, so that a webhook
 * that never arrived is found within a day. A difference is a log line and an incident of type
 * {@value #INCIDENT_TYPE} on the cancellation in Cockpit, naming the account and the dates only; it is resolved by
 * the first comparison that finds none. Which side is right is for operations to find out: nothing is changed. The
 * gauge {@value #DIFFERENCES_METRIC} holds the count of the last comparison, for an alert. A cancellation whose
 * withdrawal is on its way to the provider is left out: it is meant to differ until that step has run.
 */
@Service
class BillingReconciliation implements SchedulingConfigurer {

    static final String INCIDENT_TYPE = "billingDifference";
    static final String DIFFERENCES_METRIC = "cancellation.billing.differences";
    private static final Logger log = LoggerFactory.getLogger(BillingReconciliation.class);

    private final Accounts accounts;
    private final BillingProvider billing;
    private final RuntimeService runtimeService;
    private final String cron;
    private final AtomicInteger lastDiffering = new AtomicInteger();

    BillingReconciliation(
            Accounts accounts,
            BillingProvider billing,
            RuntimeService runtimeService,
            MeterRegistry meters,
            @Value("${cancellation.billing.reconciliation-cron:0 30 2 * * *}") String cron) {
        this.accounts = accounts;
        this.billing = billing;
        this.runtimeService = runtimeService;
        this.cron = cron;
        Gauge.builder(DIFFERENCES_METRIC, lastDiffering, AtomicInteger::get)
                .description("Cancellations that differ from the billing provider at the last reconciliation")
                .register(meters);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (CronExpression.isValidExpression(cron)) {
            registrar.addCronTask(this::reconcileAndLog, cron);
        }
    }

    private void reconcileAndLog() {
        try {
            log.info("Billing reconciliation: {} cancellation(s) differ from the provider", reconcile());
        } catch (RuntimeException e) {
            log.warn("Billing reconciliation failed; it runs again at the next time", e);
        }
    }

    /** Compares, reports and resolves; answers how many cancellations differ. */
    int reconcile() {
        int differing = 0;
        for (String accountId : accounts.idsIn(AccountStatus.CANCELLATION_SCHEDULED)) {
            Optional<ProcessInstance> cancellation = cancellationOf(accountId);
            if (cancellation.isEmpty() || isWithdrawing(cancellation.get())) {
                continue;
            }
            List<String> differences = differencesOf(accountId);
            Optional<Incident> reported = reportedOn(cancellation.get());
            if (differences.isEmpty()) {
                reported.ifPresent(incident -> runtimeService.resolveIncident(incident.getId()));
                continue;
            }
            differing++;
            String message = "Account " + accountId + ": " + String.join("; ", differences);
            log.warn("Billing differs: {}", message);
            if (reported.isEmpty()) {
                runtimeService.createIncident(
                        INCIDENT_TYPE, waitingExecutionOf(cancellation.get()), accountId, message);
            }
        }
        lastDiffering.set(differing);
        return differing;
    }

    private boolean isWithdrawing(ProcessInstance cancellation) {
        return runtimeService
                .getActiveActivityIds(cancellation.getId())
                .contains(AccountCancellationProcess.Elements.TASK_WITHDRAW_CANCELLATION);
    }

    private List<String> differencesOf(String accountId) {
        List<String> differences = new ArrayList<>();
        SubscriptionState provider;
        try {
            provider = billing.stateOf(accountId);
        } catch (RuntimeException e) {
            differences.add("the provider could not be asked (" + e.getClass().getSimpleName() + ")");
            return differences;
        }
        Subscription ours = accounts.subscriptionOf(accountId).orElseThrow();
        if (provider.endedAt() != null) {
            differences.add("the subscription ended at the provider at " + provider.endedAt());
        } else if (!provider.cancelAtPeriodEnd()) {
            differences.add("the provider is not set to end the subscription with its period");
        }
        if (provider.endedAt() == null && !ours.currentPeriodEnd().equals(provider.currentPeriodEnd())) {
            differences.add("the period ends at " + provider.currentPeriodEnd() + " at the provider, "
                    + ours.currentPeriodEnd() + " here");
        }
        return differences;
    }

    private Optional<ProcessInstance> cancellationOf(String accountId) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(accountId)
                .list()
                .stream()
                .findFirst();
    }

    /** An incident belongs to an execution at an activity: where the cancellation waits (for its lockout). */
    private String waitingExecutionOf(ProcessInstance cancellation) {
        String activity =
                runtimeService.getActiveActivityIds(cancellation.getId()).get(0);
        return runtimeService
                .createExecutionQuery()
                .processInstanceId(cancellation.getId())
                .activityId(activity)
                .list()
                .get(0)
                .getId();
    }

    private Optional<Incident> reportedOn(ProcessInstance cancellation) {
        return runtimeService
                .createIncidentQuery()
                .processInstanceId(cancellation.getId())
                .incidentType(INCIDENT_TYPE)
                .list()
                .stream()
                .findFirst();
    }
}
