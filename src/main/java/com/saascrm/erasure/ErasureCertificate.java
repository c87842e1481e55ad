package com.saascrm.erasure;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What the erasure of an account deleted, where and when: the processor's proof to its customer (GDPR article
 * 28(3)(g)). No personal data: the account id, counts per kind of data, dates.
 *
 * @param requestedAt        when the erasure was asked for; null when it came with the end of the retention period
 * @param requestedBySupport whether support asked for it for an admin
 * @param completedAt        when every holder had confirmed: the certificate's issue
 */
public record ErasureCertificate(
        String accountId,
        Grounds grounds,
        Instant requestedAt,
        boolean requestedBySupport,
        Instant completedAt,
        List<HolderErasure> holders) {

    public enum Grounds {
        /** Asked for after the cancellation, before the retention period ended. */
        REQUEST,
        /** Six months after access ended, as the terms of service say. */
        RETENTION_ENDED
    }

    /** @param deleted how many of each kind of data the holder deleted */
    public record HolderErasure(String holder, SortedMap<String, Long> deleted, Instant confirmedAt) {}

    /** The certificate as stored, with the SHA-256 (hex) of exactly its text. */
    public record Issued(ErasureCertificate certificate, String text, String sha256) {}
}
