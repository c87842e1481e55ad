package com.saascrm.cancellation;

/** An erasure asked for without the account id typed as its confirmation: nothing is changed. */
public class ErasureConfirmationException extends RuntimeException {

    ErasureConfirmationException(String accountId) {
        super("To erase account '" + accountId
                + "' now, type its id as the confirmation: the erasure cannot be undone");
    }
}
