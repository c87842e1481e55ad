package com.saascrm.erasure;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Erasure asked for now, after the cancellation, instead of six months on: one open request per account (its
 * primary key refuses a second), gone when withdrawn, and carried into the erasure record when the account is
 * erased.
 */
@Repository
public class ErasureRequests {

    /**
     * @param requestedBySupport the support login that asked for an admin; none when an admin asked
     * @param certificateAddress where the certificate is to be mailed instead of to the admins; none: to them. Kept
     *                           only until that mail is sent.
     */
    public record ErasureRequest(
            String accountId,
            Instant requestedAt,
            Instant eraseAt,
            String requestedBySupport,
            String certificateAddress) {

        @Override
        public String toString() {
            return "ErasureRequest[" + accountId + ", due " + eraseAt + "]";
        }
    }

    private final JdbcClient jdbc;

    ErasureRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ErasureRequest> find(String accountId) {
        return jdbc.sql(
                        "SELECT account_id, requested_at, erase_at, requested_by_support, certificate_address FROM erasure_request WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> new ErasureRequest(
                        rs.getString("account_id"),
                        instant(rs, "requested_at"),
                        instant(rs, "erase_at"),
                        rs.getString("requested_by_support"),
                        rs.getString("certificate_address")))
                .optional();
    }

    /** False, and nothing changes, when the account has an open request already. Only in the account's turn. */
    public boolean open(ErasureRequest request) {
        if (find(request.accountId()).isPresent()) {
            return false;
        }
        jdbc.sql(
                        "INSERT INTO erasure_request (account_id, requested_at, erase_at, requested_by_support, certificate_address) VALUES (?, ?, ?, ?, ?)")
                .params(
                        request.accountId(),
                        utc(request.requestedAt()),
                        utc(request.eraseAt()),
                        request.requestedBySupport(),
                        request.certificateAddress())
                .update();
        return true;
    }

    /** Once the certificate has gone to the address given for it, the address is kept only in that mail. */
    public void forgetCertificateAddress(String accountId) {
        jdbc.sql("UPDATE erasure_request SET certificate_address = NULL WHERE account_id = ?")
                .param(accountId)
                .update();
    }

    /** True when there was an open request to withdraw. */
    public boolean withdraw(String accountId) {
        return jdbc.sql("DELETE FROM erasure_request WHERE account_id = ?")
                        .param(accountId)
                        .update()
                > 0;
    }
}
