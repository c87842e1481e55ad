package com.saascrm.erasure;

import java.time.Instant;
import java.util.List;

import com.saascrm.crm.CrmCounts;

/**
 * What a purge deleted. {@code deletedLogins} names the users that belonged to no other account, so that
 * their identities can be removed too; it is not stored.
 */
public record ErasureRecord(String accountId, Instant erasedAt, CrmCounts crm, long users, long memberships,
                            List<String> deletedLogins) {
}
