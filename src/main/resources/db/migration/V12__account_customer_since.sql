-- Since when the account has been a paying customer, as the CRM says: one of the facts the retention offer is
-- decided from. Unknown (NULL) for accounts the CRM has not sent it for yet.
ALTER TABLE account ADD COLUMN customer_since DATE;
