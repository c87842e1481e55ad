-- Every system registered as holding an account's data is asked to delete it, and confirms what it deleted: one row
-- per account and holder (no personal data: the counts per kind of data, such as "documents=12").
CREATE TABLE erasure_holder_confirmation (
    account_id    VARCHAR(40) NOT NULL,
    holder        VARCHAR(40) NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at  TIMESTAMP WITH TIME ZONE,
    deleted       VARCHAR(2000),
    PRIMARY KEY (account_id, holder)
);

-- The erasure certificate, once every holder has confirmed: its JSON text and the SHA-256 of that text.
ALTER TABLE erasure_record ADD COLUMN certificate VARCHAR(16000);
ALTER TABLE erasure_record ADD COLUMN certificate_sha256 VARCHAR(64);

-- An address given in the request for the certificate alone: it is cleared once the certificate mail is sent.
ALTER TABLE erasure_request ADD COLUMN certificate_address VARCHAR(320);
