package com.saascrm.crm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The CRM rows an account owns, and the one place that writes them: inserted, counted, deleted by the purge. */
@Repository
public class CrmData {

    private static final Set<String> TABLES =
            Set.of("crm_organization", "crm_person", "crm_deal", "crm_activity", "crm_note");

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    CrmData(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    public CrmCounts countsOf(String accountId) {
        return new CrmCounts(
                count("crm_organization", accountId),
                count("crm_person", accountId),
                count("crm_deal", accountId),
                count("crm_activity", accountId),
                count("crm_note", accountId));
    }

    /**
     * Deletes at most {@code maxRows} of the account's CRM rows and says how many of each kind. Children go before
     * parents: a table is only touched once the tables that refer to it hold no row of the account, so the foreign
     * keys hold at every statement and any number of batches can follow each other, or stop, anywhere.
     */
    public CrmCounts deleteBatch(String accountId, int maxRows) {
        long notes = deleteUpTo("crm_note", accountId, maxRows);
        long activities = deleteUpTo("crm_activity", accountId, maxRows - notes);
        long deals = deleteUpTo("crm_deal", accountId, maxRows - notes - activities);
        long persons = deleteUpTo("crm_person", accountId, maxRows - notes - activities - deals);
        long organizations = deleteUpTo("crm_organization", accountId, maxRows - notes - activities - deals - persons);
        return new CrmCounts(organizations, persons, deals, activities, notes);
    }

    private long count(String table, String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    /**
     * Picks the rows first and deletes them by id in one batch. A delete with the pick as its subquery
     * ({@code WHERE id IN (SELECT id ... LIMIT ?)}) runs the subquery again for every row on H2 once its result cache
     * is off (see {@code H2Settings}).
     */
    private long deleteUpTo(String table, String accountId, long limit) {
        if (limit <= 0) {
            return 0;
        }
        List<Long> ids = jdbc.sql("SELECT id FROM " + table + " WHERE account_id = ? LIMIT ?")
                .params(accountId, limit)
                .query(Long.class)
                .list();
        int[] deleted = jdbcTemplate.batchUpdate(
                "DELETE FROM " + table + " WHERE id = ?",
                ids.stream().map(id -> new Object[] {id}).toList());
        return Arrays.stream(deleted).filter(count -> count > 0).count();
    }

    /**
     * Inserts one CRM row of the account and answers its id. {@code values} are by column, in the order they are
     * to be written; table and column names come from code (the archive format, the demo data), never from a
     * caller, and are checked to be names.
     */
    public long insert(String table, String accountId, LinkedHashMap<String, Object> values) {
        if (!TABLES.contains(table) || !values.keySet().stream().allMatch(column -> column.matches("[a-z_]{1,40}"))) {
            throw new IllegalArgumentException("Not a CRM table and its columns: " + table + " " + values.keySet());
        }
        String sql = "INSERT INTO " + table + " (account_id, " + String.join(", ", values.keySet()) + ") VALUES (?"
                + ", ?".repeat(values.size()) + ")";
        List<Object> params = new ArrayList<>();
        params.add(accountId);
        params.addAll(values.values());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(key, "id");
        return key.getKey().longValue();
    }
}
