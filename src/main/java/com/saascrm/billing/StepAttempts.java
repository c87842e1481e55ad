package com.saascrm.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which attempt of a billing step a write is, for its idempotency key. A provider that keeps its answer to a key
 * (Stripe does, errors included, for a day) would give a failed step the same error at every retry; so a step whose
 * try was answered moves on to its next attempt and key, and a try that got no answer, which may have been done,
 * keeps its key. The count outlives the step's transaction, which a failure rolls back.
 */
@Repository
class StepAttempts {

    private final JdbcClient jdbc;
    private final TransactionTemplate apart;

    StepAttempts(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The key this try of the step sends: the step's own key and its attempt, from 1. */
    IdempotencyKey keyOf(IdempotencyKey step) {
        int attempt = jdbc.sql("SELECT attempt FROM billing_step_attempt WHERE step_key = ?")
                .param(step.value())
                .query(Integer.class)
                .optional()
                .orElse(1);
        return new IdempotencyKey(step.value() + "/" + attempt);
    }

    /** The provider answered this try with an error: the next try is the next attempt, whatever becomes of ours. */
    void answered(IdempotencyKey step) {
        apart.executeWithoutResult(status -> {
            int moved = jdbc.sql("UPDATE billing_step_attempt SET attempt = attempt + 1 WHERE step_key = ?")
                    .param(step.value())
                    .update();
            if (moved == 0) {
                jdbc.sql("INSERT INTO billing_step_attempt (step_key, attempt) VALUES (?, 2)")
                        .param(step.value())
                        .update();
            }
        });
    }

    /** The step's write went through; in the step's transaction, so that a step rolled back after it sends it again. */
    void done(IdempotencyKey step) {
        jdbc.sql("DELETE FROM billing_step_attempt WHERE step_key = ?")
                .param(step.value())
                .update();
    }
}
