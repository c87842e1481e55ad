package com.saascrm.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
        add(List.of(accountId), total);
    }

    /**
     * Adds {@code totalEach} rows to each of the accounts, as {@link #add(String, int)} does, their rows taking turns
     * in every table: in a real database an account's rows lie among other accounts', and a planner that knows one
     * account fills the table reads it differently (PostgreSQL by the primary key).
     */
    public void add(List<String> accountIds, int totalEach) {
        int organizations = totalEach / 10;
        int others = (totalEach - organizations) / 4;
        int notes = totalEach - organizations - 3 * others;
        insert(
                "INSERT INTO crm_organization (account_id, name, address) SELECT %s, CONCAT('Organization ', n), 'Street' FROM %s",
                accountIds, organizations);
        insert(
                "INSERT INTO crm_person (account_id, name, email) SELECT %s, CONCAT('Person ', n), CONCAT('p', n, '@example.com') FROM %s",
                accountIds, others);
        insert(
                "INSERT INTO crm_deal (account_id, title, value_cents, currency, stage) SELECT %s, CONCAT('Deal ', n), n, 'NOK', 'LEAD' FROM %s",
                accountIds, others);
        insert(
                "INSERT INTO crm_activity (account_id, subject, done) SELECT %s, CONCAT('Call ', n), FALSE FROM %s",
                accountIds, others);
        insert(
                "INSERT INTO crm_note (account_id, content) SELECT %s, CONCAT('A note about the customer, number ', n) FROM %s",
                accountIds, notes);
        // The planner learns the new sizes now, not when autovacuum gets round to it: on PostgreSQL B4's plain DELETE
        // of the deals (their references checked) ran for more than eleven minutes before, ten seconds since.
        for (String table : TABLES) {
            jdbc.sql("ANALYZE " + (postgres ? "" : "TABLE ") + table).update();
        }
    }

    private void insert(String sql, List<String> accountIds, int rowsEach) {
        String numbers =
                postgres ? "generate_series(1, ?) AS numbers(n)" : "(SELECT X AS n FROM SYSTEM_RANGE(1, ?)) numbers";
        StringBuilder account =
                new StringBuilder("CASE MOD(n, ").append(accountIds.size()).append(")");
        for (int i = 0; i < accountIds.size(); i++) {
            account.append(" WHEN ").append(i).append(" THEN CAST(? AS VARCHAR)");
        }
        account.append(" END");
        List<Object> params = new ArrayList<>(accountIds);
        params.add((long) rowsEach * accountIds.size());
        jdbc.sql(sql.formatted(account, numbers)).params(params).update();
    }
}
