package com.saascrm.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountUser;
import com.saascrm.account.Accounts;
import com.saascrm.security.identity.PasswordLogins;

/**
 * What an account's identities need beyond the domain's rows, which Camunda reads as they are (its users, the group of
 * its admins and of its other users): passwords for the demo's and the tests' account users, and the clean-up of
 * Camunda authorizations that name the account's groups when the account is erased.
 */
@Service
public class AccountIdentities {

    private final PasswordLogins passwords;
    private final AuthorizationService authorizations;
    private final Accounts accounts;
    private final AccountGroups groups;

    AccountIdentities(
            PasswordLogins passwords, AuthorizationService authorizations, Accounts accounts, AccountGroups groups) {
        this.passwords = passwords;
        this.authorizations = authorizations;
        this.accounts = accounts;
        this.groups = groups;
    }

    /** Demo and tests only: every user of the account without a password gets {@code password}. */
    public void provision(String accountId, String password) {
        for (AccountUser member : accounts.usersOf(accountId)) {
            passwords.grantIfMissing(member.login(), password);
        }
    }

    /**
     * Removes the authorizations that still name the account's groups. A task's candidate rows go with the task, but a
     * grant a Camunda admin gave the account's admins would outlive the account, with its id. Idempotent.
     */
    public void remove(String accountId) {
        for (Authorization authorization : authorizations
                .createAuthorizationQuery()
                .groupIdIn(groups.adminsOf(accountId), groups.usersOf(accountId))
                .list()) {
            authorizations.deleteAuthorization(authorization.getId());
        }
    }
}
