package com.saascrm.crm;

/** Rows per CRM entity of one account. */
public record CrmCounts(long organizations, long persons, long deals, long activities, long notes) {

    public long total() {
        return organizations + persons + deals + activities + notes;
    }
}
