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
 * authenticate against: a user per login, a group of the account's admins (the candidates of its wizard tasks),
 * a group of its other users, and the group of all account admins, which holds what admins may use
 * ({@link CamundaAuthorizations}).
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
        createGroupIfMissing(AccountGroups.ALL_ACCOUNT_ADMINS, "Account admins");
        String admins = createGroupIfMissing(groups.adminsOf(accountId), "Admins of account " + accountId);
        String users = createGroupIfMissing(groups.usersOf(accountId), "Users of account " + accountId);
        for (AccountUser member : accounts.usersOf(accountId)) {
            createUserIfMissing(member, initialPassword);
            if (member.settingsAccess()) {
                joinIfMissing(member.login(), admins);
                joinIfMissing(member.login(), AccountGroups.ALL_ACCOUNT_ADMINS);
            } else {
                joinIfMissing(member.login(), users);
            }
        }
    }

    /** Removes the account's groups and the users of those groups that no longer exist in the domain. Idempotent. */
    public void remove(String accountId) {
        for (String group : List.of(groups.adminsOf(accountId), groups.usersOf(accountId))) {
            for (User member : identityService.createUserQuery().memberOfGroup(group).list()) {
                if (!accounts.userExists(member.getId())) {
                    identityService.deleteUser(member.getId());
                } else if (!accounts.isAdminOfAnyAccount(member.getId())) {
                    identityService.deleteMembership(member.getId(), AccountGroups.ALL_ACCOUNT_ADMINS);
                }
            }
            identityService.deleteGroup(group);
        }
    }

    private void joinIfMissing(String login, String groupId) {
        if (identityService.createUserQuery().userId(login).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(login, groupId);
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
