package com.saascrm.api;

import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.saascrm.account.Accounts;
import com.saascrm.account.UnknownAccountException;
import com.saascrm.erasure.AccountErasure;
import com.saascrm.security.ApiCaller;

/**
 * Who may act on which account (docs/architecture.md, Who may do what): the account's admins, as the domain knows them, and the
 * staff groups an endpoint names. Unknown accounts are 404 before anything else is said about them.
 */
@Component
class AccountAccess {

    private final Accounts accounts;
    private final AccountErasure erasure;

    AccountAccess(Accounts accounts, AccountErasure erasure) {
        this.accounts = accounts;
        this.erasure = erasure;
    }

    /** Admins of the account, or members of one of {@code staffGroups}. */
    void require(String accountId, ApiCaller caller, String... staffGroups) {
        boolean staff = Arrays.stream(staffGroups).anyMatch(caller::isIn);
        if (accounts.find(accountId).isEmpty()) {
            throw new UnknownAccountException(accountId);
        }
        if (!staff && !accounts.isAdmin(accountId, caller.login())) {
            throw new ApiForbiddenException(
                    staffGroups.length == 0
                            ? "Only an admin of account '" + accountId + "' may do this"
                            : "Only an admin of account '" + accountId + "' or " + String.join(", ", staffGroups)
                                    + " may do this");
        }
    }

    /** Like {@link #require}, but staff may also ask about an account that was deleted. */
    void requireIncludingDeleted(String accountId, ApiCaller caller, String... staffGroups) {
        boolean staff = Arrays.stream(staffGroups).anyMatch(caller::isIn);
        if (staff
                && accounts.find(accountId).isEmpty()
                && erasure.recordOf(accountId).isPresent()) {
            return;
        }
        require(accountId, caller, staffGroups);
    }
}
