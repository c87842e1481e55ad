package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.billing.BillingProvider;
import com.saascrm.billing.IdempotencyKey;
import com.saascrm.retention.RetentionOffer;
import com.saascrm.statistics.CancellationOutcome;

/**
 * The admin accepted the offer: the billing provider applies it (a support call changes nothing there, the support
 * team hears of it by the confirmation's copy), and the request ends with the account kept.
 */
@Component("applyRetentionOffer")
class ApplyRetentionOfferDelegate implements JavaDelegate {

    private final BillingProvider billing;
    private final AccountLifecycle lifecycle;

    ApplyRetentionOfferDelegate(BillingProvider billing, AccountLifecycle lifecycle) {
        this.billing = billing;
        this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        RetentionOffer offer = RetentionOffers.of(execution);
        IdempotencyKey key = BillingStepKey.of(execution);
        switch (offer.kind()) {
            case DISCOUNT -> billing.grantDiscount(accountId, offer.discountPercent(), offer.discountMonths(), key);
            case CHEAPER_PLAN -> billing.changePlan(accountId, offer.targetPlan(), key);
            case PAUSE -> billing.pause(accountId, PAUSE_ENDS_AT.get(execution), key);
            case SUPPORT_CALL -> {
                // Nothing to change at the billing provider.
            }
            case NONE ->
                throw new IllegalStateException(
                        "Instance " + execution.getProcessInstanceId() + " accepted no offer and cannot apply one");
        }
        lifecycle.retain(
                accountId,
                offer.kind() == RetentionOffer.Kind.PAUSE ? CancellationOutcome.PAUSED : CancellationOutcome.RETAINED);
    }
}
