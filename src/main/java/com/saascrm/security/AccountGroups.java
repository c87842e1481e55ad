package com.saascrm.security;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Names of the Camunda groups of an account. The model's candidate groups read them:
 * {@code ${accountGroups.adminsOf(accountId)}}.
 */
@Component("accountGroups")
public class AccountGroups {

    /** Every admin of every account: what they may use (Tasklist, the start form); the tasks come per account. */
    public static final String ALL_ACCOUNT_ADMINS = "account-admins";

    public static final String SUPPORT = "support";
    public static final String OPERATIONS = "operations";
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    /** The groups of staff, which the company's provider names in its groups claim; no other group is taken from it. */
    public static final Set<String> STAFF = Set.of(SUPPORT, OPERATIONS, CAMUNDA_ADMIN);

    /** The CRM's backend, which feeds accounts and users (the directory feed); no person. */
    public static final String DIRECTORY_FEED = "directory-feed";

    /** An account's admins: {@code account-admins-<accountId>}. */
    public static final String ADMINS_OF = "account-admins-";
    /** An account's users without settings access: {@code account-users-<accountId>}. */
    public static final String USERS_OF = "account-users-";

    public String adminsOf(String accountId) {
        return ADMINS_OF + accountId;
    }

    public String usersOf(String accountId) {
        return USERS_OF + accountId;
    }
}
