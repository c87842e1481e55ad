package com.saascrm.security;

import org.springframework.stereotype.Component;

/**
 * Names of the Camunda groups of an account. The model's candidate groups read them:
 * {@code ${accountGroups.adminsOf(accountId)}}.
 */
@Component("accountGroups")
public class AccountGroups {

    public static final String SUPPORT = "support";
    public static final String OPERATIONS = "operations";

    public String adminsOf(String accountId) {
        return "account-admins-" + accountId;
    }

    public String usersOf(String accountId) {
        return "account-users-" + accountId;
    }
}
