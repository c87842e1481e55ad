-- Mail tells dates in the account's own time zone.
ALTER TABLE account ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
