package com.saascrm.security.identity;

import java.util.Optional;

import com.saascrm.security.AccountGroups;

/**
 * A group id that the domain directory answers for: the admins or the other users of one account, or every account's
 * admins. Every other group (staff) is Camunda's own.
 */
record DomainGroupId(String accountId, boolean admins) {

    /** The group of all account admins: no account of its own. */
    static final DomainGroupId ALL_ACCOUNT_ADMINS = new DomainGroupId(null, true);

    static Optional<DomainGroupId> parse(String groupId) {
        if (groupId == null) {
            return Optional.empty();
        }
        if (groupId.equals(AccountGroups.ALL_ACCOUNT_ADMINS)) {
            return Optional.of(ALL_ACCOUNT_ADMINS);
        }
        if (groupId.startsWith(AccountGroups.ADMINS_OF) && groupId.length() > AccountGroups.ADMINS_OF.length()) {
            return Optional.of(new DomainGroupId(groupId.substring(AccountGroups.ADMINS_OF.length()), true));
        }
        if (groupId.startsWith(AccountGroups.USERS_OF) && groupId.length() > AccountGroups.USERS_OF.length()) {
            return Optional.of(new DomainGroupId(groupId.substring(AccountGroups.USERS_OF.length()), false));
        }
        return Optional.empty();
    }

    static boolean isDomainGroup(String groupId) {
        return parse(groupId).isPresent();
    }
}
