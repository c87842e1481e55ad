package com.saascrm.operations;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saascrm.account.CancellationRequestClosed;
import com.saascrm.account.CancellationRequestOpened;
import com.saascrm.account.Eligibility;
import com.saascrm.cancellation.AccountCancellationProcess;
import com.saascrm.erasure.CrmBatchErased;
import com.saascrm.mail.MailAttempt;
import com.saascrm.mail.MailType;
import com.saascrm.statistics.CancellationOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The counters of what happened: requests started, refused and ended, wizard steps, mails, purged rows. Each counts
 * once its transaction is committed, so a step that is rolled back and retried counts once. Every series exists
 * from the start at zero, so that a rate over it is defined before the first event. No label names an account.
 */
@Component
class CancellationMetrics {

    static final String STARTED = "cancellation.requests.started";
    static final String REFUSED = "cancellation.requests.refused";
    static final String ENDED = "cancellation.requests.ended";
    static final String WIZARD_STEP = "cancellation.wizard.step.duration";
    static final String MAILS = "cancellation.mails";
    static final String PURGED_ROWS = "cancellation.purge.rows";

    private static final String[] WIZARD_STEPS = {
        AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA,
        AccountCancellationProcess.Elements.TASK_SUBMIT_REASON,
        AccountCancellationProcess.Elements.TASK_CONSIDER_RETENTION_OFFER,
        AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION
    };

    private final MeterRegistry meters;
    private final Counter started;
    private final Map<Eligibility, Counter> refused = new EnumMap<>(Eligibility.class);
    private final Map<CancellationOutcome, Counter> ended = new EnumMap<>(CancellationOutcome.class);
    private final Map<MailType, Counter> mailsSent = new EnumMap<>(MailType.class);
    private final Map<MailType, Counter> mailsFailed = new EnumMap<>(MailType.class);
    private final Counter purgedRows;

    CancellationMetrics(MeterRegistry meters) {
        this.meters = meters;
        started = Counter.builder(STARTED)
                .description("Cancellation requests that passed the eligibility check and entered the wizard")
                .register(meters);
        Arrays.stream(Eligibility.values())
                .filter(eligibility -> eligibility != Eligibility.ELIGIBLE)
                .forEach(reason -> refused.put(
                        reason,
                        Counter.builder(REFUSED)
                                .description("Cancellation requests refused at the eligibility check")
                                .tag("reason", label(reason))
                                .register(meters)));
        for (CancellationOutcome outcome : CancellationOutcome.values()) {
            ended.put(
                    outcome,
                    Counter.builder(ENDED)
                            .description("Cancellation requests that ended, by outcome")
                            .tag("outcome", label(outcome))
                            .register(meters));
        }
        for (MailType type : MailType.values()) {
            mailsSent.put(type, mailCounter(type, "sent"));
            mailsFailed.put(type, mailCounter(type, "failed"));
        }
        purgedRows = Counter.builder(PURGED_ROWS)
                .description("CRM rows deleted by the purge")
                .baseUnit("rows")
                .register(meters);
        for (String step : WIZARD_STEPS) {
            wizardStep(step, "completed");
            wizardStep(step, "left");
        }
    }

    @TransactionalEventListener
    void requestOpened(CancellationRequestOpened opened) {
        if (opened.eligibility() == Eligibility.ELIGIBLE) {
            started.increment();
        }
    }

    /** After completion, not commit: the API rolls a refused start back on purpose, and it was refused all the same. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION)
    void requestRefused(CancellationRequestOpened opened) {
        if (opened.eligibility() != Eligibility.ELIGIBLE) {
            refused.get(opened.eligibility()).increment();
        }
    }

    @TransactionalEventListener
    void requestClosed(CancellationRequestClosed closed) {
        ended.get(closed.outcome()).increment();
    }

    /** Published by Camunda's Spring event bridge for each history event; a wizard task ends completed or left. */
    @TransactionalEventListener
    void taskEnded(HistoricTaskInstanceEventEntity task) {
        if (task.getDurationInMillis() == null || !Arrays.asList(WIZARD_STEPS).contains(task.getTaskDefinitionKey())) {
            return;
        }
        // The engine writes one end event for both: a completion says so in its delete reason.
        boolean completed = TaskEntity.DELETE_REASON_COMPLETED.equals(task.getDeleteReason());
        wizardStep(task.getTaskDefinitionKey(), completed ? "completed" : "left")
                .record(Duration.ofMillis(task.getDurationInMillis()));
    }

    @EventListener
    void mailAttempted(MailAttempt attempt) {
        (attempt.accepted() ? mailsSent : mailsFailed).get(attempt.type()).increment();
    }

    @TransactionalEventListener
    void crmBatchErased(CrmBatchErased batch) {
        purgedRows.increment(batch.rows());
    }

    private Counter mailCounter(MailType type, String result) {
        return Counter.builder(MAILS)
                .description("Account mails the SMTP server took (sent) or that could not be sent (failed)")
                .tags("type", label(type), "result", result)
                .register(meters);
    }

    private Timer wizardStep(String step, String result) {
        return Timer.builder(WIZARD_STEP)
                .description("How long a wizard step stayed open, until completed or left (abandoned, idle)")
                .tags("step", step, "result", result)
                .serviceLevelObjectives(
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        Duration.ofHours(1),
                        Duration.ofDays(1),
                        Duration.ofDays(7),
                        Duration.ofDays(15))
                .register(meters);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
