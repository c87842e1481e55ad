package com.saascrm.billing;

/**
 * The billing provider refused or failed a write. The message names the account, what was asked and the provider's
 * error code and HTTP status, never what the provider says about the customer: it ends up in an incident in Cockpit.
 */
public class BillingProviderException extends RuntimeException {

    public BillingProviderException(String accountId, String operation, String providerCode, Integer httpStatus) {
        super("Billing provider refused to " + operation + " for account " + accountId + ": " + providerCode
                + (httpStatus == null ? "" : " (HTTP " + httpStatus + ")"));
    }
}
