package com.saascrm.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fills an account with many CRM rows at database speed (H2 and PostgreSQL), for purge tests and benchmarks. */
public final class BulkCrmData {

    private static final List<String> TABLES =
            List.of("crm_organization", "crm_person", "crm_deal", "crm_activity", "crm_note");

    private final JdbcClient jdbc;
    private final boolean postgres;

    public BulkCrmData(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code total} rows: a tenth organizations, the rest spread over persons, deals, activities and notes. */
    public void add(String accountId, int total) {
        int organizations = total / 10;
        int others = (total - organizations) / 4;
        int notes = total - organizations - 3 * others;
        insert(
                "INSERT INTO crm_organization (account_id, name, address) SELECT ?, CONCAT('Organization ', n), 'Street' FROM %s",
                accountId, organizations);
        insert(
                "INSERT INTO crm_person (account_id, name, email) SELECT ?, CONCAT('Person ', n), CONCAT('p', n, '@example.com') FROM %s",
                accountId, others);
        insert(
                "INSERT INTO crm_deal (account_id, title, value_cents, currency, stage) SELECT ?, CONCAT('Deal ', n), n, 'NOK', 'LEAD' FROM %s",
                accountId, others);
        insert(
                "INSERT INTO crm_activity (account_id, subject, done) SELECT ?, CONCAT('Call ', n), FALSE FROM %s",
                accountId, others);
        insert(
                "INSERT INTO crm_note (account_id, content) SELECT ?, CONCAT('A note about the customer, number ', n) FROM %s",
                accountId, notes);
        // The planner learns the new sizes now, not when autovacuum gets round to it: on PostgreSQL a DELETE planned
        // against stale figures checked every deleted deal's references with a scan of a whole table (B4's plain
        // DELETE ran for minutes instead of seconds).
        for (String table : TABLES) {
            jdbc.sql("ANALYZE " + (postgres ? "" : "TABLE ") + table).update();
        }
    }

    private void insert(String sql, String accountId, int rows) {
        String numbers =
                postgres ? "generate_series(1, ?) AS numbers(n)" : "(SELECT X AS n FROM SYSTEM_RANGE(1, ?)) numbers";
        jdbc.sql(sql.formatted(numbers)).params(accountId, rows).update();
    }
}
