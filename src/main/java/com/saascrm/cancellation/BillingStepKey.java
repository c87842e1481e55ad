package com.saascrm.cancellation;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.saascrm.billing.IdempotencyKey;

/**
 * The idempotency key of a step's write to the billing provider: its process instance and its activity. Each
 * billing step runs at most once in an instance, so a step that runs again (its transaction rolled back after the
 * provider answered) sends the key it sent before.
 */
final class BillingStepKey {

    private BillingStepKey() {}

    static IdempotencyKey of(DelegateExecution execution) {
        return IdempotencyKey.of(execution.getProcessInstanceId(), execution.getCurrentActivityId());
    }
}
