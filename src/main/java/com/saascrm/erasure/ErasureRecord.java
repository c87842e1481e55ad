package com.saascrm.erasure;

import java.time.Instant;

import com.saascrm.crm.CrmCounts;

/**
 * What the purge of an account deleted, and when. No personal data.
 *
 * @param erasedAt        when the account itself was deleted; null while the CRM data is still being purged
 * @param historyErasedAt when the account's process history was deleted; null until then
 */
public record ErasureRecord(
        String accountId,
        Instant startedAt,
        Instant erasedAt,
        Instant historyErasedAt,
        CrmCounts crm,
        long users,
        long memberships) {}
