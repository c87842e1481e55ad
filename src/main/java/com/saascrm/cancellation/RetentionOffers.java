package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_PERCENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.TARGET_PLAN;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.saascrm.retention.RetentionOffer;

/** The retention offer an instance holds, read back from the variables its decision step wrote. */
final class RetentionOffers {

    private RetentionOffers() {}

    static RetentionOffer of(VariableScope scope) {
        return new RetentionOffer(
                RetentionOffer.Kind.valueOf(RETENTION_OFFER.get(scope)),
                DISCOUNT_PERCENT.find(scope).orElse(null),
                DISCOUNT_MONTHS.find(scope).orElse(null),
                PAUSE_MONTHS.find(scope).orElse(null),
                TARGET_PLAN.find(scope).orElse(null));
    }
}
