package com.saascrm.security.identity;

import java.util.List;
import java.util.Optional;

/**
 * What a Camunda user query asks of the domain's users. {@code onlyLogin} narrows it to the one user the caller may
 * see; {@code matchesNone} says that no account user can match (a criterion the domain has no such value for).
 */
record UserCriteria(
        String id,
        List<String> ids,
        String firstName,
        String firstNameLike,
        String email,
        String emailLike,
        Optional<DomainGroupId> memberOf,
        String onlyLogin,
        boolean matchesNone) {}
