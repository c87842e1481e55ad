-- Retention offers. The subscription's terms an accepted offer changes (the internal billing provider's own;
-- Stripe keeps them at Stripe): a discount until a date, a pause until a date.
ALTER TABLE subscription ADD COLUMN discount_percent INTEGER;
ALTER TABLE subscription ADD COLUMN discount_ends_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE subscription ADD COLUMN paused_until TIMESTAMP WITH TIME ZONE;

-- What the request was offered, in which group of the experiment, and the answer; counted when it ends.
ALTER TABLE cancellation_request ADD COLUMN retention_offer VARCHAR(16);
ALTER TABLE cancellation_request ADD COLUMN retention_group VARCHAR(16);
ALTER TABLE cancellation_request ADD COLUMN retention_answer VARCHAR(16);

ALTER TABLE cancellation_statistic ADD COLUMN retention_offer VARCHAR(16);
ALTER TABLE cancellation_statistic ADD COLUMN retention_group VARCHAR(16);
ALTER TABLE cancellation_statistic ADD COLUMN retention_answer VARCHAR(16);
