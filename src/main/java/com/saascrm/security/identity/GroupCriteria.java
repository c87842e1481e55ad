package com.saascrm.security.identity;

import java.util.List;

/**
 * What a Camunda group query asks of the account groups. {@code accountIds} are the accounts that the ids asked for
 * name, so that a question about some groups reads those accounts only; {@code onlyIds} narrows it to the groups the
 * caller may see.
 */
record GroupCriteria(
        String id,
        List<String> ids,
        String name,
        String nameLike,
        String type,
        String member,
        List<String> accountIds,
        List<String> onlyIds,
        boolean matchesNone) {

    static GroupCriteria byId(String groupId) {
        List<String> accounts = DomainGroupId.parse(groupId)
                .map(DomainGroupId::accountId)
                .map(List::of)
                .orElse(List.of());
        return new GroupCriteria(groupId, null, null, null, null, null, accounts, null, false);
    }
}
