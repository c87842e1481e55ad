package com.saascrm.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.saascrm.account.AccountMembershipChanged;
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
     * Brings one member's Camunda identities in line with the domain after the directory feed changed their
     * membership: a new member gets a user (without a password: they log in through single sign-on) and their group,
     * a member whose settings access changed moves group, and a user who left loses the account's groups. One member
     * at a time, so that a first load does not go over an account's members once per member.
     */
    @EventListener
    public void sync(AccountMembershipChanged change) {
        String accountId = change.accountId();
        String login = change.login();
        String admins = directory.ensureGroup(
                groups.adminsOf(accountId), "Admins of account " + accountId, IdentityDirectory.ACCOUNT);
        String users = directory.ensureGroup(
                groups.usersOf(accountId), "Users of account " + accountId, IdentityDirectory.ACCOUNT);
        Optional<AccountUser> member = accounts.memberOf(accountId, login);
        if (member.isEmpty()) {
            leave(login, admins);
            leave(login, users);
            return;
        }
        directory.ensureUser(login, member.get().name(), member.get().email(), null);
        if (member.get().settingsAccess()) {
            staff.ensureSharedGroups();
            directory.ensureMembership(login, admins);
            directory.ensureMembership(login, AccountGroups.ALL_ACCOUNT_ADMINS);
            leave(login, users);
        } else {
            directory.ensureMembership(login, users);
            leave(login, admins);
        }
    }

    /** Removes the account's groups and the users of those groups that no longer exist in the domain. Idempotent. */
    public void remove(String accountId) {
        for (String group : List.of(groups.adminsOf(accountId), groups.usersOf(accountId))) {
            for (User member :
                    identityService.createUserQuery().memberOfGroup(group).list()) {
                leave(member.getId(), group);
            }
            identityService.deleteGroup(group);
        }
    }

    /**
     * Takes the login out of one of an account's groups; a user the domain no longer has loses the Camunda user, one
     * who administers no account any more the group of all account admins.
     */
    private void leave(String login, String group) {
        identityService.deleteMembership(login, group);
        if (!accounts.userExists(login)) {
            identityService.deleteUser(login);
        } else if (!accounts.isAdminOfAnyAccount(login)) {
            identityService.deleteMembership(login, AccountGroups.ALL_ACCOUNT_ADMINS);
        }
    }
}
