package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_REMINDER_DUE_AT;

import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationPolicy;
import com.saascrm.account.CancellationSchedule;
import com.saascrm.account.SubscriptionPeriodChanged;

/**
 * A cancelled account keeps access until the end of its billing period: when the CRM moves that end before the
 * lockout, the lockout, the deletion reminder and the deletion move with it (the variables that status, mails and
 * the later timers read, and the lockout timer that is already waiting). After the lockout the new end is only
 * recorded: nothing reopens by itself.
 */
@Component
class ScheduleFollowsPeriodEnd {

    private static final Logger log = LoggerFactory.getLogger(ScheduleFollowsPeriodEnd.class);

    private final Accounts accounts;
    private final CancellationPolicy policy;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;

    ScheduleFollowsPeriodEnd(
            Accounts accounts,
            CancellationPolicy policy,
            RuntimeService runtimeService,
            ManagementService managementService) {
        this.accounts = accounts;
        this.policy = policy;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
    }

    @EventListener
    void periodEndChanged(SubscriptionPeriodChanged change) {
        String accountId = change.accountId();
        if (accounts.get(accountId).status() != AccountStatus.CANCELLATION_SCHEDULED) {
            return;
        }
        CancellationSchedule schedule = policy.scheduleFor(change.currentPeriodEnd());
        for (ProcessInstance instance : runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(accountId)
                .list()) {
            runtimeService.setVariables(
                    instance.getId(),
                    Map.of(
                            ACCESS_ENDS_AT.name(), ACCESS_ENDS_AT.stored(schedule.accessEndsAt()),
                            DELETION_REMINDER_DUE_AT.name(),
                                    DELETION_REMINDER_DUE_AT.stored(schedule.deletionReminderDueAt()),
                            DELETION_DUE_AT.name(), DELETION_DUE_AT.stored(schedule.deletionDueAt())));
            for (Job lockout : managementService
                    .createJobQuery()
                    .processInstanceId(instance.getId())
                    .activityId(TIMER_ACCESS_ENDS)
                    .list()) {
                // Re-reads the timer's expression, ${accessEndsAt}, which now holds the new date.
                managementService.recalculateJobDuedate(lockout.getId(), false);
            }
            log.info(
                    "Account {}: the billing period now ends {}; access ends {}, deletion {}",
                    accountId,
                    change.currentPeriodEnd(),
                    schedule.accessEndsAt(),
                    schedule.deletionDueAt());
        }
    }
}
