-- The tries of a billing step that the provider answered with an error. Stripe keeps its answer to an idempotency key
-- for a day and gives it again to the same key, so the step's next try sends the key of its next attempt; a try that
-- got no answer may have been done, and its retry sends the same key. A row lives while its step fails.
CREATE TABLE billing_step_attempt (
    step_key  VARCHAR(200) PRIMARY KEY,
    attempt   INTEGER      NOT NULL
);
