package com.saascrm.api;

import org.springframework.stereotype.Component;

import com.saascrm.erasure.AccountErasure;

/**
 * An erased account's id is never used again: the CRM may still send a late write about the account, and creating
 * it anew would bring back an account whose deletion its erasure record states.
 */
@Component
class ErasedAccountIds {

    private final AccountErasure erasure;

    ErasedAccountIds(AccountErasure erasure) {
        this.erasure = erasure;
    }

    void refuseReuse(String accountId) {
        if (erasure.recordOf(accountId).isPresent()) {
            throw new ErasedAccountException(accountId);
        }
    }

    static final class ErasedAccountException extends RuntimeException {

        ErasedAccountException(String accountId) {
            super("Account '" + accountId + "' was deleted; its id is not used again");
        }
    }
}
