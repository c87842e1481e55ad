package com.saascrm.security;

import java.util.Objects;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The one way the application creates Camunda groups, users and memberships, all of them staff's (account users
 * and groups are read from the domain, see security.identity): each only where missing, so that every caller may
 * run at every start.
 */
@Component
class IdentityDirectory {

    /** Groups that hold permissions of staff (account groups come from the domain: security.identity). */
    static final String SHARED = "WORKFLOW";

    private final IdentityService identityService;

    IdentityDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    String ensureGroup(String groupId, String name, String type) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
        return groupId;
    }

    /** Creates the user, or brings the name and e-mail of an existing one up to date; the password stays. */
    void ensureUser(String login, String firstName, String email, String initialPassword) {
        User user = identityService.createUserQuery().userId(login).singleResult();
        if (user == null) {
            user = identityService.newUser(login);
            user.setFirstName(firstName);
            user.setLastName("");
            user.setEmail(email);
            user.setPassword(initialPassword);
            identityService.saveUser(user);
        } else if (!Objects.equals(user.getFirstName(), firstName) || !Objects.equals(user.getEmail(), email)) {
            user.setFirstName(firstName);
            user.setEmail(email);
            identityService.saveUser(user);
        }
    }

    void ensureMembership(String login, String groupId) {
        if (identityService
                        .createUserQuery()
                        .userId(login)
                        .memberOfGroup(groupId)
                        .count()
                == 0) {
            identityService.createMembership(login, groupId);
        }
    }
}
