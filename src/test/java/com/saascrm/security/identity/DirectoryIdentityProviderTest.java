package com.saascrm.security.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Camunda sees the account users and groups of the domain as they are, and keeps no copy of them. */
class DirectoryIdentityProviderTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    private final AccountGroups groups = new AccountGroups();
    private TestAccount account;
    private TestAccount other;

    @BeforeEach
    void twoAccounts() {
        account = accounts.paidAccount("en", PERIOD_END);
        other = accounts.paidAccount("nb", PERIOD_END);
    }

    @Test
    void accountUsersAndGroupsAreReadFromTheDomainAndNotCopied() {
        User admin = identityService.createUserQuery().userId(account.admin()).singleResult();
        assertThat(admin.getFirstName()).isEqualTo("Name of " + account.admin());
        assertThat(admin.getEmail()).isEqualTo(account.email(account.admin()));
        assertThat(idsOf(identityService.createUserQuery().memberOfGroup(groups.adminsOf(account.id()))))
                .containsExactly(account.admin(), account.secondAdmin());
        assertThat(idsOf(identityService.createUserQuery().memberOfGroup(groups.usersOf(account.id()))))
                .containsExactly(account.user());
        assertThat(groupsOf(account.admin()))
                .containsExactlyInAnyOrder(groups.adminsOf(account.id()), AccountGroups.ALL_ACCOUNT_ADMINS);
        assertThat(groupsOf(account.user())).containsExactly(groups.usersOf(account.id()));
        Group adminsGroup = identityService
                .createGroupQuery()
                .groupId(groups.adminsOf(account.id()))
                .singleResult();
        assertThat(adminsGroup.getName()).isEqualTo("Admins of account " + account.id());
        assertThat(adminsGroup.getType()).isEqualTo("ACCOUNT");

        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ LIKE ?", account.id() + "%"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE EMAIL_ LIKE ?", "%@mail.example"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_GROUP WHERE ID_ LIKE 'account-%'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ LIKE ?", account.id() + "%"))
                .isZero();
    }

    @Test
    void aChangeInTheDomainIsSeenAtOnce() {
        jdbc.sql("UPDATE account_membership SET settings_access = FALSE WHERE account_id = ? AND login = ?")
                .params(account.id(), account.admin())
                .update();
        assertThat(groupsOf(account.admin())).containsExactly(groups.usersOf(account.id()));

        jdbc.sql("DELETE FROM account_membership WHERE account_id = ? AND login = ?")
                .params(account.id(), account.admin())
                .update();
        assertThat(groupsOf(account.admin())).isEmpty();
        assertThat(idsOf(identityService.createUserQuery().memberOfGroup(groups.adminsOf(account.id()))))
                .containsExactly(account.secondAdmin());
    }

    @Test
    void accountIdentitiesAreChangedInTheCrmOnly() {
        long identityRows = identityRows();

        assertThatThrownBy(() -> identityService.newUser(account.admin()))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("comes from the CRM");
        assertThatThrownBy(() -> identityService.deleteUser(account.admin()))
                .isInstanceOf(BadUserRequestException.class);
        assertThatThrownBy(() -> identityService.createMembership(account.admin(), AccountGroups.SUPPORT))
                .isInstanceOf(BadUserRequestException.class);
        assertThatThrownBy(() -> identityService.deleteGroup(groups.adminsOf(account.id())))
                .isInstanceOf(BadUserRequestException.class);
        assertThatThrownBy(() -> identityService.newGroup(groups.adminsOf("new-account")))
                .isInstanceOf(BadUserRequestException.class);
        String impostor = "impostor-" + account.id();
        identityService.saveUser(identityService.newUser(impostor));
        assertThatThrownBy(() -> identityService.createMembership(impostor, groups.adminsOf(account.id())))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("members come from the CRM");

        assertThat(groupsOf(account.admin()))
                .containsExactlyInAnyOrder(groups.adminsOf(account.id()), AccountGroups.ALL_ACCOUNT_ADMINS);
        assertThat(groupsOf(impostor)).isEmpty();
        assertThat(identityRows())
                .as("only the impostor's own user and its authorization on itself")
                .isEqualTo(identityRows + 2);
        identityService.deleteUser(impostor);
    }

    @Test
    void aLoginSeesItselfAndItsGroupsAndACamundaAdminSeesAll() {
        authenticateAs(account.admin());
        assertThat(idsOf(identityService.createUserQuery())).containsExactly(account.admin());
        assertThat(identityService.createUserQuery().userId(other.admin()).count())
                .isZero();
        assertThat(identityService.createGroupQuery().list().stream().map(Group::getId))
                .contains(groups.adminsOf(account.id()))
                .doesNotContain(groups.adminsOf(other.id()), groups.usersOf(account.id()));

        identityService.setAuthentication("admin", List.of(AccountGroups.CAMUNDA_ADMIN));
        assertThat(identityService.createUserQuery().userId(other.admin()).count())
                .isOne();
        assertThat(identityService
                        .createGroupQuery()
                        .groupIdIn(groups.adminsOf(other.id()), groups.usersOf(other.id()))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void accountUsersLogInWithTheTestsPasswordAndStaffWithTheirOwn() {
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);

        assertThat(identityService.checkPassword(account.admin(), TestAccounts.PASSWORD))
                .isTrue();
        assertThat(identityService.checkPassword(account.admin(), "wrong")).isFalse();
        assertThat(identityService.checkPassword(account.admin(), null)).isFalse();
        assertThat(identityService.checkPassword(support, TestAccounts.PASSWORD))
                .isTrue();
        assertThat(count(
                        "SELECT COUNT(*) FROM password_login WHERE password_hash LIKE ?",
                        "%" + TestAccounts.PASSWORD + "%"))
                .as("hashed")
                .isZero();
    }

    @Test
    void pagesGoOverStaffAndAccountUsersWithoutGapOrRepeat() {
        accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS);
        List<String> all = idsOf(identityService.createUserQuery());
        assertThat(identityService.createUserQuery().count()).isEqualTo(all.size());
        assertThat(all).contains("admin", account.admin(), other.user()).doesNotHaveDuplicates();

        List<String> paged = new ArrayList<>();
        for (int first = 0; first < all.size(); first += 4) {
            identityService.createUserQuery().listPage(first, 4).stream()
                    .map(User::getId)
                    .forEach(paged::add);
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void camundaKeepsNoAuthorizationPerAccountOrUser() {
        long before = count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION");
        for (int i = 0; i < 5; i++) {
            accounts.paidAccount("en", PERIOD_END);
        }
        assertThat(count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION")).isEqualTo(before);
    }

    private List<String> groupsOf(String login) {
        return identityService.createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .toList();
    }

    private static List<String> idsOf(UserQuery query) {
        return query.list().stream().map(User::getId).toList();
    }

    private long identityRows() {
        return count("SELECT COUNT(*) FROM ACT_ID_USER")
                + count("SELECT COUNT(*) FROM ACT_ID_GROUP")
                + count("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP")
                + count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION");
    }
}
