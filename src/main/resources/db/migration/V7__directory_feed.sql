-- The CRM feeds accounts and users with its own version of each (a number that grows with every change there,
-- such as its update time in milliseconds). A write older than the stored version changes nothing, so events
-- that arrive twice or out of order do no harm. A removed membership leaves its version behind, so that a late
-- write from before the removal cannot bring the user back.
ALTER TABLE account ADD COLUMN crm_version BIGINT;
ALTER TABLE app_user ADD COLUMN crm_version BIGINT;
ALTER TABLE account_membership ADD COLUMN crm_version BIGINT;

CREATE TABLE account_membership_removal (
    account_id   VARCHAR(40) NOT NULL REFERENCES account (id),
    login        VARCHAR(64) NOT NULL,
    crm_version  BIGINT      NOT NULL,
    PRIMARY KEY (account_id, login)
);
