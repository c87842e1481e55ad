package com.saascrm.crm;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The CRM rows an account owns: counted for the review step, deleted by the purge. */
@Repository
public class CrmData {

    private final JdbcClient jdbc;

    CrmData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CrmCounts countsOf(String accountId) {
        return new CrmCounts(count("crm_organization", accountId), count("crm_person", accountId),
                count("crm_deal", accountId), count("crm_activity", accountId), count("crm_note", accountId));
    }

    /** Deletes children before parents, so the foreign keys hold at every statement. */
    public CrmCounts deleteAllOf(String accountId) {
        long notes = delete("crm_note", accountId);
        long activities = delete("crm_activity", accountId);
        long deals = delete("crm_deal", accountId);
        long persons = delete("crm_person", accountId);
        long organizations = delete("crm_organization", accountId);
        return new CrmCounts(organizations, persons, deals, activities, notes);
    }

    private long count(String table, String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE account_id = ?").param(accountId).query(Long.class).single();
    }

    private long delete(String table, String accountId) {
        return jdbc.sql("DELETE FROM " + table + " WHERE account_id = ?").param(accountId).update();
    }
}
