package com.saascrm.billing;

/**
 * Says that two writes to the provider are the same write: a step that runs again (a retried job, a transaction
 * rolled back after the provider answered) sends the key it sent before, and the provider does the write once.
 */
public record IdempotencyKey(String value) {

    public IdempotencyKey {
        if (value == null || value.isBlank() || value.length() > 255) {
            throw new IllegalArgumentException("An idempotency key has 1 to 255 characters");
        }
    }

    /** The key of one step of one cancellation: the process instance and the step's id. */
    public static IdempotencyKey of(String processInstanceId, String step) {
        return new IdempotencyKey(processInstanceId + "/" + step);
    }
}
