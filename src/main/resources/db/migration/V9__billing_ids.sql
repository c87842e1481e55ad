-- The billing provider's ids of an account's customer and subscription (Stripe: cus_..., sub_...), as the CRM feeds
-- them; the stripe billing adapter acts on that subscription. Empty with the internal adapter.
ALTER TABLE subscription ADD COLUMN billing_customer_id VARCHAR(64);
ALTER TABLE subscription ADD COLUMN billing_subscription_id VARCHAR(64);
