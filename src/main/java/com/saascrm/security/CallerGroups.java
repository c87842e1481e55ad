package com.saascrm.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * The groups of a caller with a bearer token of the company's OpenID Connect provider (a web login gets the same
 * from the identity service, security.identity.SignedInStaff): the
 * staff groups its groups claim names (support, operations, Camunda admins), and no other from it, since an
 * account's groups are the directory's to say; then the groups the directory gives the login.
 */
final class CallerGroups {

    private CallerGroups() {}

    /** {@code granted} are groups the provider's answer gives beyond its claim (the directory feed's scope). */
    static List<String> of(
            String login, Collection<String> claimed, Collection<String> granted, IdentityService identityService) {
        List<String> groups = new ArrayList<>();
        claimed.stream().filter(AccountGroups.STAFF::contains).forEach(groups::add);
        granted.stream().filter(group -> !groups.contains(group)).forEach(groups::add);
        identityService.createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .filter(group -> !groups.contains(group))
                .forEach(groups::add);
        return List.copyOf(groups);
    }
}
