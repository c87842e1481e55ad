package com.saascrm.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.account.Accounts;
import com.saascrm.account.Subscription;
import com.saascrm.billing.BillingFeedback;
import com.saascrm.billing.BillingProvider;
import com.saascrm.billing.IdempotencyKey;
import com.saascrm.billing.SubscriptionState;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The daily comparison finds a cancellation the provider does not know of, reports it in Cockpit, and clears it. */
class BillingReconciliationTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T21:59:59Z");

    @Autowired
    private Accounts accountRows;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private String differing;
    private SubscriptionState itsState;

    @Test
    void aCancellationTheProviderDoesNotKnowOfIsAnIncidentUntilItAgrees() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance cancellation = cancelled(account);
        BillingReconciliation reconciliation = reconciliation();

        differing = account.id();
        itsState = new SubscriptionState(false, PERIOD_END.plusSeconds(86_400), null);
        assertThat(reconciliation.reconcile()).isOne();
        assertThat(reconciliation.reconcile()).as("still one, reported once").isOne();
        assertThat(meters.get(BillingReconciliation.DIFFERENCES_METRIC).gauge().value())
                .isEqualTo(1.0);

        List<Incident> incidents = runtimeService
                .createIncidentQuery()
                .processInstanceId(cancellation.getId())
                .incidentType(BillingReconciliation.INCIDENT_TYPE)
                .list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getIncidentMessage())
                .isEqualTo("Account " + account.id()
                        + ": the provider is not set to end the subscription with its period; the period ends at "
                        + PERIOD_END.plusSeconds(86_400) + " at the provider, " + PERIOD_END + " here")
                .doesNotContain("@");
        assertThat(accountStatus(account.id())).as("nothing is changed").isEqualTo("CANCELLATION_SCHEDULED");

        itsState = new SubscriptionState(true, PERIOD_END, null);
        assertThat(reconciliation.reconcile()).isZero();
        assertThat(meters.get(BillingReconciliation.DIFFERENCES_METRIC).gauge().value())
                .isZero();
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(cancellation.getId())
                        .incidentType(BillingReconciliation.INCIDENT_TYPE)
                        .count())
                .as("resolved")
                .isZero();
    }

    @Test
    void aWithdrawalOnItsWayToTheProviderIsNoDifference() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance cancellation = cancelled(account);
        runtimeService.correlateMessage(AccountCancellationProcess.Messages.WITHDRAWAL_REQUESTED, account.id());
        BillingReconciliation reconciliation = reconciliation();

        differing = account.id();
        itsState = new SubscriptionState(false, PERIOD_END, null);

        assertThat(reconciliation.reconcile()).isZero();
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(cancellation.getId())
                        .count())
                .isZero();
    }

    private ProcessInstance cancelled(TestAccount account) {
        ProcessInstance cancellation = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, cancellation.getId());
        runBillingStep(cancellation);
        return cancellation;
    }

    private BillingReconciliation reconciliation() {
        return new BillingReconciliation(
                accountRows, new ProviderThatAgreesExceptWithOne(), runtimeService, meters, "-");
    }

    /** Agrees with every account here but the one the test picks, which gets the state the test sets. */
    private final class ProviderThatAgreesExceptWithOne implements BillingProvider {

        @Override
        public SubscriptionState stateOf(String accountId) {
            if (accountId.equals(differing)) {
                return itsState;
            }
            Subscription ours = accountRows.subscriptionOf(accountId).orElseThrow();
            return new SubscriptionState(true, ours.currentPeriodEnd(), null);
        }

        @Override
        public Instant cancelAtPeriodEnd(String accountId, BillingFeedback feedback, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void withdrawCancellation(String accountId, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant startNewSubscription(String accountId, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void grantDiscount(String accountId, int percent, int months, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changePlan(String accountId, String planCode, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pause(String accountId, Instant resumesAt, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resume(String accountId, IdempotencyKey key) {
            throw new UnsupportedOperationException();
        }
    }
}
