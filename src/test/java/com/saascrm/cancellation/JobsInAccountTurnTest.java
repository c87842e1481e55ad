package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_CANCELLATION_CONFIRMATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_DELETION_REMINDER;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_DELETION_REMINDER_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.LockWaits;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * A job of a cancellation waits while a command holds its account, before it changes anything, and then does its
 * work: the engine's rows of one account are never changed by two transactions that could deadlock.
 */
class JobsInAccountTurnTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");
    private static final Instant REMINDER_DUE = Instant.parse("2027-07-17T23:59:59Z");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    private AccountLifecycle lifecycle;

    @Autowired
    private PlatformTransactionManager transactions;

    private final ExecutorService jobThread = Executors.newSingleThreadExecutor();
    private TestAccount account;
    private ProcessInstance instance;

    @BeforeEach
    void cancelAnAccount() {
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
    }

    @AfterEach
    void stopJobThread() {
        jobThread.shutdownNow();
    }

    @Test
    void theConfirmationMailWaitsForTheAccountThenGoesOut() throws Exception {
        assertThat(instance).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);

        Future<?> mail = whileAnotherCommandHoldsTheAccount(
                jobOf(instance),
                () -> assertThat(smtp.getReceivedMessages())
                        .as("no mail while the account is held")
                        .isEmpty());

        mail.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(smtp.getReceivedMessages()).isNotEmpty();
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
    }

    @Test
    void aConfirmationWithdrawnWhileItsJobWaitedIsNotSent() throws Exception {
        Job confirmation = jobOf(instance);

        Future<?> mail = new TransactionTemplate(transactions).execute(status -> {
            lifecycle.takeTurn(account.id());
            Future<?> running = jobThread.submit(() -> managementService.executeJob(confirmation.getId()));
            LockWaits.awaitWaiting(jdbc, running, DEADLINE);
            runtimeService.correlateMessage(Messages.WITHDRAWAL_REQUESTED, account.id());
            return running;
        });

        assertThatThrownBy(() -> mail.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(OptimisticLockingException.class);
        assertThat(smtp.getReceivedMessages())
                .as("no confirmation of a withdrawn cancellation")
                .isEmpty();
        runBillingStep(instance);
        executeJob(instance);
        assertThat(instance).isEnded().hasPassed(AccountCancellationProcess.Elements.EVENT_WITHDRAWN);
        assertThat(smtp.getReceivedMessages()).isNotEmpty();
    }

    @Test
    void aTimerWaitsForTheAccountThenFires() throws Exception {
        executeJob(instance);
        setClock(PERIOD_END);
        executeJob(instance);
        executeJob(instance);
        assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE);
        setClock(REMINDER_DUE);

        Future<?> timer = whileAnotherCommandHoldsTheAccount(
                jobOf(instance), () -> assertThat(instance).isWaitingAt(TIMER_DELETION_REMINDER_DUE));

        timer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(instance).isWaitingAt(TASK_SEND_DELETION_REMINDER);
    }

    /**
     * Holds the account's turn in a transaction of this thread, runs the job in another, and checks that the job
     * waits for the account's row; then checks {@code meanwhile} and lets the job go on.
     */
    private Future<?> whileAnotherCommandHoldsTheAccount(Job job, Runnable meanwhile) {
        return new TransactionTemplate(transactions).execute(status -> {
            lifecycle.takeTurn(account.id());
            Future<?> running = jobThread.submit(() -> managementService.executeJob(job.getId()));
            LockWaits.awaitWaiting(jdbc, running, DEADLINE);
            meanwhile.run();
            return running;
        });
    }
}
