package com.saascrm.crm;

/** Rows per CRM entity of one account. */
public record CrmCounts(long organizations, long persons, long deals, long activities, long notes) {

    public static final CrmCounts NONE = new CrmCounts(0, 0, 0, 0, 0);

    public CrmCounts plus(CrmCounts other) {
        return new CrmCounts(organizations + other.organizations, persons + other.persons, deals + other.deals,
                activities + other.activities, notes + other.notes);
    }

    public long total() {
        return organizations + persons + deals + activities + notes;
    }
}
