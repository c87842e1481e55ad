-- The purge deletes in batches, each in a transaction of its own: the erasure record is written at the first
-- batch and counts as it goes; erased_at is set when the account itself is gone, history_erased_at when the
-- process history of the account is gone too.
ALTER TABLE erasure_record ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE erasure_record ALTER COLUMN erased_at DROP NOT NULL;
ALTER TABLE erasure_record ADD COLUMN history_erased_at TIMESTAMP WITH TIME ZONE;
UPDATE erasure_record SET started_at = erased_at, history_erased_at = erased_at;
ALTER TABLE erasure_record ALTER COLUMN started_at SET NOT NULL;
CREATE INDEX erasure_record_account ON erasure_record (account_id);
