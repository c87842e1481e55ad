package com.saascrm.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountUser;
import com.saascrm.account.Accounts;

/**
 * Mirrors the domain's account users into Camunda's identity service, which the web apps and engine-rest
 * authenticate against: a user per login, a group of the account's admins (the candidates of its wizard tasks)
 * and a group of its other users.
 */
@Service
public class AccountIdentities {

    private final IdentityService identityService;
    private final Accounts accounts;
    private final AccountGroups groups;

    AccountIdentities(IdentityService identityService, Accounts accounts, AccountGroups groups) {
        this.identityService = identityService;
        this.accounts = accounts;
        this.groups = groups;
    }

    /** Creates what is missing; a user created here gets {@code initialPassword}. */
    public void provision(String accountId, String initialPassword) {
        String admins = createGroupIfMissing(groups.adminsOf(accountId), "Admins of account " + accountId);
        String users = createGroupIfMissing(groups.usersOf(accountId), "Users of account " + accountId);
        for (AccountUser member : accounts.usersOf(accountId)) {
            createUserIfMissing(member, initialPassword);
            String group = member.settingsAccess() ? admins : users;
            if (identityService.createUserQuery().userId(member.login()).memberOfGroup(group).count() == 0) {
                identityService.createMembership(member.login(), group);
            }
        }
    }

    /** Removes the account's groups and the users of those groups that no longer exist in the domain. Idempotent. */
    public void remove(String accountId) {
        for (String group : List.of(groups.adminsOf(accountId), groups.usersOf(accountId))) {
            for (User member : identityService.createUserQuery().memberOfGroup(group).list()) {
                if (!accounts.userExists(member.getId())) {
                    identityService.deleteUser(member.getId());
                }
            }
            identityService.deleteGroup(group);
        }
    }

    private String createGroupIfMissing(String groupId, String name) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(name);
            group.setType("ACCOUNT");
            identityService.saveGroup(group);
        }
        return groupId;
    }

    private void createUserIfMissing(AccountUser member, String initialPassword) {
        if (identityService.createUserQuery().userId(member.login()).count() == 0) {
            User user = identityService.newUser(member.login());
            user.setFirstName(member.name());
            user.setLastName("");
            user.setEmail(member.email());
            user.setPassword(initialPassword);
            identityService.saveUser(user);
        }
    }
}
