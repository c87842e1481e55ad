-- The export reads an account's rows in pages by id ("account_id = ? AND id > ? ORDER BY account_id, id"). With
-- the id in the account index, H2 and PostgreSQL serve each page from the index in order, instead of sorting the
-- whole account for every page.
DROP INDEX crm_organization_account;
CREATE INDEX crm_organization_account ON crm_organization (account_id, id);
DROP INDEX crm_person_account;
CREATE INDEX crm_person_account ON crm_person (account_id, id);
DROP INDEX crm_deal_account;
CREATE INDEX crm_deal_account ON crm_deal (account_id, id);
DROP INDEX crm_activity_account;
CREATE INDEX crm_activity_account ON crm_activity (account_id, id);
DROP INDEX crm_note_account;
CREATE INDEX crm_note_account ON crm_note (account_id, id);
