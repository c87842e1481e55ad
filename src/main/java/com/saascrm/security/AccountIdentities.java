package com.saascrm.security;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountMembersChanged;
import com.saascrm.account.AccountUser;
import com.saascrm.account.Accounts;

/**
 * Mirrors the domain's account users into Camunda's identity service, which the web apps and engine-rest
 * authenticate against: a user per login, a group of the account's admins (the candidates of its wizard tasks),
 * a group of its other users, and the group of all account admins, which holds what admins may use
 * (granted by the cancellation package's {@code CamundaAuthorizations}).
 */
@Service
public class AccountIdentities {

    private final IdentityService identityService;
    private final IdentityDirectory directory;
    private final StaffIdentities staff;
    private final Accounts accounts;
    private final AccountGroups groups;

    AccountIdentities(
            IdentityService identityService,
            IdentityDirectory directory,
            StaffIdentities staff,
            Accounts accounts,
            AccountGroups groups) {
        this.identityService = identityService;
        this.directory = directory;
        this.staff = staff;
        this.accounts = accounts;
        this.groups = groups;
    }

    /** Creates what is missing; a user created here gets {@code initialPassword}. */
    public void provision(String accountId, String initialPassword) {
        staff.ensureSharedGroups();
        String admins = directory.ensureGroup(
                groups.adminsOf(accountId), "Admins of account " + accountId, IdentityDirectory.ACCOUNT);
        String users = directory.ensureGroup(
                groups.usersOf(accountId), "Users of account " + accountId, IdentityDirectory.ACCOUNT);
        for (AccountUser member : accounts.usersOf(accountId)) {
            directory.ensureUser(member.login(), member.name(), member.email(), initialPassword);
            if (member.settingsAccess()) {
                directory.ensureMembership(member.login(), admins);
                directory.ensureMembership(member.login(), AccountGroups.ALL_ACCOUNT_ADMINS);
            } else {
                directory.ensureMembership(member.login(), users);
            }
        }
    }

    /**
     * Brings the account's Camunda identities in line with its members in the domain after the directory feed changed
     * them: new members get a user (without a password: they log in through single sign-on) and their group, a
     * member whose settings access changed moves group, and a user who left loses the account's groups, and the
     * Camunda user too where they belong to no account any more.
     */
    @EventListener
    public void sync(AccountMembersChanged change) {
        String accountId = change.accountId();
        provision(accountId, null);
        Map<String, Boolean> adminByLogin = accounts.usersOf(accountId).stream()
                .collect(Collectors.toMap(AccountUser::login, AccountUser::settingsAccess));
        leaveWhereNot(groups.adminsOf(accountId), login -> Boolean.TRUE.equals(adminByLogin.get(login)));
        leaveWhereNot(groups.usersOf(accountId), login -> Boolean.FALSE.equals(adminByLogin.get(login)));
    }

    private void leaveWhereNot(String group, Predicate<String> belongs) {
        for (User member :
                identityService.createUserQuery().memberOfGroup(group).list()) {
            String login = member.getId();
            if (belongs.test(login)) {
                continue;
            }
            identityService.deleteMembership(login, group);
            if (!accounts.userExists(login)) {
                identityService.deleteUser(login);
            } else if (!accounts.isAdminOfAnyAccount(login)) {
                identityService.deleteMembership(login, AccountGroups.ALL_ACCOUNT_ADMINS);
            }
        }
    }

    /** Removes the account's groups and the users of those groups that no longer exist in the domain. Idempotent. */
    public void remove(String accountId) {
        for (String group : List.of(groups.adminsOf(accountId), groups.usersOf(accountId))) {
            for (User member :
                    identityService.createUserQuery().memberOfGroup(group).list()) {
                if (!accounts.userExists(member.getId())) {
                    identityService.deleteUser(member.getId());
                } else if (!accounts.isAdminOfAnyAccount(member.getId())) {
                    identityService.deleteMembership(member.getId(), AccountGroups.ALL_ACCOUNT_ADMINS);
                }
            }
            identityService.deleteGroup(group);
        }
    }
}
