-- Every billing provider event handled, by its id: the provider delivers an event at least once, and the same
-- event again must not act twice.
CREATE TABLE billing_event (
    event_id     VARCHAR(255)             PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
