package com.saascrm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * After the process tests' run on PostgreSQL (the production database), Camunda's identity tables hold staff only: no
 * account user's login, password or e-mail address, and no account group, whatever those tests did (starts, wizards,
 * directory changes, erasures). Runs after them, as an integration test, on the database they left behind.
 */
class IdentityTablesAfterProcessTestsIT {

    /** TestAccounts gives every account user a login {@code acct<n>-...} and an address at this domain. */
    private static final String TEST_USERS_EMAIL = "%@mail.example";

    private static final String TEST_USERS_LOGIN = "acct%";

    @Test
    void camundasIdentityTablesHoldNoAccountUser() {
        JdbcClient jdbc = processTestsDatabase();
        assertThat(count(jdbc, "SELECT COUNT(*) FROM ACT_HI_PROCINST"))
                .as("the process tests ran on this database before")
                .isPositive();
        assertThat(count(jdbc, "SELECT COUNT(*) FROM app_user WHERE email LIKE ?", TEST_USERS_EMAIL))
                .as("account users of the process tests are in the domain")
                .isPositive();

        assertThat(list(
                        jdbc,
                        "SELECT ID_ FROM ACT_ID_USER WHERE ID_ LIKE ? OR ID_ IN (SELECT login FROM app_user)",
                        TEST_USERS_LOGIN))
                .as("account users' logins in ACT_ID_USER")
                .isEmpty();
        assertThat(list(
                        jdbc,
                        "SELECT ID_ FROM ACT_ID_USER WHERE EMAIL_ LIKE ? OR EMAIL_ IN (SELECT email FROM app_user)",
                        TEST_USERS_EMAIL))
                .as("account users' e-mail addresses in ACT_ID_USER")
                .isEmpty();
        assertThat(list(jdbc, "SELECT ID_ FROM ACT_ID_GROUP WHERE ID_ LIKE 'account-%' OR TYPE_ = 'ACCOUNT'"))
                .as("account groups in ACT_ID_GROUP")
                .isEmpty();
        assertThat(list(
                        jdbc,
                        "SELECT USER_ID_ FROM ACT_ID_MEMBERSHIP WHERE GROUP_ID_ LIKE 'account-%' OR USER_ID_ LIKE ?",
                        TEST_USERS_LOGIN))
                .as("account memberships in ACT_ID_MEMBERSHIP")
                .isEmpty();
        assertThat(list(jdbc, "SELECT ID_ FROM ACT_ID_INFO WHERE USER_ID_ LIKE ?", TEST_USERS_LOGIN))
                .isEmpty();
        assertThat(list(jdbc, "SELECT ID_ FROM ACT_ID_USER"))
                .as("who is there: staff and the Camunda admin")
                .allMatch(login -> login.equals("admin") || login.startsWith("staff-"));
    }

    private static JdbcClient processTestsDatabase() {
        String url = System.getProperty("test.postgresql.url");
        String user = System.getProperty("test.postgresql.username");
        String password = System.getProperty("test.postgresql.password");
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            // reachable
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL is not reachable at " + url + ": install the Debian package postgresql and "
                    + "create the test database as .ci/run does (" + e.getMessage() + ")");
        }
        return JdbcClient.create(new DriverManagerDataSource(url, user, password));
    }

    private static long count(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static List<String> list(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(String.class).list();
    }
}
