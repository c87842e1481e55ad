package com.saascrm.security.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** A database from before keeps copies of account identities in Camunda's tables: they go at start, staff stay. */
class IdentityCopiesRemovalTest extends ProcessTestBase {

    @Autowired
    private IdentityCopiesRemoval removal;

    @Test
    void copiesOfAccountIdentitiesGoAndStaffStays() {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2030-06-30T23:59:59Z"));
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);
        String group = "account-admins-" + account.id();
        jdbc.sql(
                        "INSERT INTO ACT_ID_USER (ID_, REV_, FIRST_, LAST_, EMAIL_, PWD_) VALUES (?, 1, 'Old', 'Copy', ?, 'x')")
                .params(account.admin(), account.email(account.admin()))
                .update();
        jdbc.sql("INSERT INTO ACT_ID_GROUP (ID_, REV_, NAME_, TYPE_) VALUES (?, 1, 'Old copy', 'ACCOUNT')")
                .param(group)
                .update();
        jdbc.sql("INSERT INTO ACT_ID_MEMBERSHIP (USER_ID_, GROUP_ID_) VALUES (?, ?)")
                .params(account.admin(), group)
                .update();
        jdbc.sql("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
                        + " VALUES (?, 1, 1, ?, 1, ?, 2)")
                .params("copy-" + account.id(), account.admin(), account.admin())
                .update();

        removal.run(new DefaultApplicationArguments());

        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = ?", account.admin()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_GROUP WHERE ID_ = ?", group))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = ?", account.admin()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_ID_ = ?", account.admin()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = ?", support))
                .isOne();
        assertThat(identityService
                        .createUserQuery()
                        .userId(account.admin())
                        .singleResult()
                        .getFirstName())
                .as("read from the domain again")
                .isEqualTo("Name of " + account.admin());
    }
}
