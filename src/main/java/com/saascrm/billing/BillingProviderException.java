package com.saascrm.billing;

/**
 * The billing provider refused or failed a write, or did not answer. The message names the account, what was asked
 * and the provider's error code and HTTP status, never what the provider says about the customer: it ends up in an
 * incident in Cockpit.
 */
public class BillingProviderException extends RuntimeException {

    private BillingProviderException(String message) {
        super(message);
    }

    /** The provider answered with an error status and, usually, one of its error codes. */
    public static BillingProviderException refused(
            String accountId, String operation, String providerCode, int httpStatus) {
        return new BillingProviderException("Billing provider refused to " + operation + " for account " + accountId
                + ": " + (providerCode == null ? "no error code" : providerCode) + " (HTTP " + httpStatus + ")");
    }

    /** No answer came (connection lost, timeout): the write may or may not have been done. */
    public static BillingProviderException unanswered(String accountId, String operation, String failure) {
        return new BillingProviderException(
                "No answer from the billing provider to " + operation + " for account " + accountId + ": " + failure);
    }
}
