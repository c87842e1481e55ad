-- Erasure on request: asked for after the cancellation, done when the cooling-off ends unless withdrawn.
-- requested_by_support: the support login that asked for an admin; NULL when an admin of the account asked (an
-- account user's login is erased with the account, so it is not kept here).
CREATE TABLE erasure_request (
    account_id            VARCHAR(40) PRIMARY KEY,
    requested_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    erase_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by_support  VARCHAR(64)
);

ALTER TABLE erasure_record ADD COLUMN requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE erasure_record ADD COLUMN requested_by_support VARCHAR(64);
