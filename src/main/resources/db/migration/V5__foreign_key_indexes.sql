-- PostgreSQL does not index foreign keys by itself: without these, deleting an organization, person or deal
-- scans every table that may refer to it, which makes the purge of a large account crawl.
CREATE INDEX crm_person_organization ON crm_person (organization_id);
CREATE INDEX crm_deal_organization ON crm_deal (organization_id);
CREATE INDEX crm_deal_person ON crm_deal (person_id);
CREATE INDEX crm_activity_deal ON crm_activity (deal_id);
CREATE INDEX crm_activity_person ON crm_activity (person_id);
CREATE INDEX crm_note_deal ON crm_note (deal_id);
CREATE INDEX crm_note_person ON crm_note (person_id);
CREATE INDEX crm_note_organization ON crm_note (organization_id);
