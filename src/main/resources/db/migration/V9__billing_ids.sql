-- The billing provider's ids of an account's customer and subscription (Stripe: cus_..., sub_...), as the CRM feeds
-- them; the stripe billing adapter acts on that subscription. Empty with the internal adapter.
ALTER TABLE subscription ADD COLUMN billing_customer_id VARCHAR(64);
ALTER TABLE subscription ADD COLUMN billing_subscription_id VARCHAR(64);
-- One account a subscription: the provider's events and state act on the account that has it.
CREATE UNIQUE INDEX subscription_billing_subscription_id ON subscription (billing_subscription_id);
