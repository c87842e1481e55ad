package com.saascrm.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.account.AccountStateException;
import com.saascrm.crm.CrmCounts;
import com.saascrm.erasure.ErasureCertificate.Grounds;
import com.saascrm.erasure.ErasureCertificate.HolderErasure;
import com.saascrm.erasure.ErasureCertificate.Issued;
import com.saascrm.erasure.HolderConfirmations.HolderConfirmation;

/**
 * Issues the erasure certificate once every holder has confirmed, and keeps it with the erasure record: its JSON
 * text and the SHA-256 of that text, so that a copy can be checked against the one mailed.
 */
@Service
@Transactional
public class ErasureCertificates {

    private static final Logger log = LoggerFactory.getLogger(ErasureCertificates.class);

    private final JdbcClient jdbc;
    private final AccountErasure erasure;
    private final ErasureRequests requests;
    private final HolderConfirmations confirmations;
    private final ObjectMapper json;
    private final Clock clock;

    ErasureCertificates(
            JdbcClient jdbc,
            AccountErasure erasure,
            ErasureRequests requests,
            HolderConfirmations confirmations,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.erasure = erasure;
        this.requests = requests;
        this.confirmations = confirmations;
        this.json = json;
        this.clock = clock;
    }

    /** Issues the account's certificate; a second call returns the one issued. */
    public Issued issue(String accountId) {
        Optional<Issued> issued = find(accountId);
        if (issued.isPresent()) {
            return issued.get();
        }
        ErasureRecord record = erasure.recordOf(accountId)
                .filter(inProgress -> inProgress.erasedAt() == null)
                .orElseThrow(() ->
                        new AccountStateException("Account '" + accountId + "' has no erasure in progress to certify"));
        Instant now = clock.instant();
        List<HolderErasure> holders = new ArrayList<>();
        holders.add(new HolderErasure(ErasureSettings.OWN_DATABASE, crmCounts(record.crm()), now));
        for (HolderConfirmation confirmation : confirmations.of(accountId)) {
            if (confirmation.confirmedAt() == null) {
                throw new AccountStateException("The erasure holder '" + confirmation.holder()
                        + "' has not confirmed the erasure of account '" + accountId + "'");
            }
            holders.add(new HolderErasure(confirmation.holder(), confirmation.deleted(), confirmation.confirmedAt()));
        }
        Optional<ErasureRequests.ErasureRequest> request = requests.find(accountId);
        ErasureCertificate certificate = new ErasureCertificate(
                accountId,
                request.isPresent() ? Grounds.REQUEST : Grounds.RETENTION_ENDED,
                request.map(ErasureRequests.ErasureRequest::requestedAt).orElse(null),
                request.map(asked -> asked.requestedBySupport() != null).orElse(false),
                // Every other holder has confirmed before this database's part, which is done now.
                now,
                holders);
        String text = write(certificate);
        String sha256 = sha256(text);
        jdbc.sql("UPDATE erasure_record SET certificate = ?, certificate_sha256 = ? "
                        + "WHERE account_id = ? AND erased_at IS NULL")
                .params(text, sha256, accountId)
                .update();
        log.info(
                "Issued the erasure certificate of account {}: {} holders, SHA-256 {}",
                accountId,
                holders.size(),
                sha256);
        return new Issued(certificate, text, sha256);
    }

    /** The latest certificate of the account, if one was issued. */
    @Transactional(readOnly = true)
    public Optional<Issued> find(String accountId) {
        return jdbc
                .sql("SELECT certificate, certificate_sha256 FROM erasure_record "
                        + "WHERE account_id = ? AND certificate IS NOT NULL ORDER BY started_at DESC")
                .param(accountId)
                .query((rs, row) -> new Issued(
                        read(rs.getString("certificate")),
                        rs.getString("certificate"),
                        rs.getString("certificate_sha256")))
                .list()
                .stream()
                .findFirst();
    }

    private static SortedMap<String, Long> crmCounts(CrmCounts crm) {
        SortedMap<String, Long> counts = new TreeMap<>();
        counts.put("organizations", crm.organizations());
        counts.put("persons", crm.persons());
        counts.put("deals", crm.deals());
        counts.put("activities", crm.activities());
        counts.put("notes", crm.notes());
        return counts;
    }

    private String write(ErasureCertificate certificate) {
        try {
            return json.writeValueAsString(certificate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A certificate always serializes", e);
        }
    }

    private ErasureCertificate read(String text) {
        try {
            return json.readValue(text, ErasureCertificate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The certificate was written by this class", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
