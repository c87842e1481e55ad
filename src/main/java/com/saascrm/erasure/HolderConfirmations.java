package com.saascrm.erasure;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which holders were asked to delete an account's data, and what each confirmed it deleted: counts per kind of
 * data, named by the holder ({@code documents}, {@code index-entries}), never the data itself.
 */
@Repository
public class HolderConfirmations {

    /** @param confirmedAt null while the holder has not confirmed */
    public record HolderConfirmation(
            String holder, Instant requestedAt, Instant confirmedAt, SortedMap<String, Long> deleted) {}

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MAX_KINDS = 20;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    HolderConfirmations(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records the first request to the holder; a later try of the same request changes nothing. */
    public void requested(String accountId, String holder, Instant at) {
        jdbc.sql("""
                INSERT INTO erasure_holder_confirmation (account_id, holder, requested_at)
                SELECT ?, ?, ? WHERE NOT EXISTS
                    (SELECT 1 FROM erasure_holder_confirmation WHERE account_id = ? AND holder = ?)""").params(accountId, holder, utc(at), accountId, holder).update();
    }

    /**
     * Records what the holder deleted; a confirmation sent again changes nothing.
     *
     * @throws InvalidErasureCallbackException when the counts are not kinds of data with counts of zero or more
     */
    public void confirm(String accountId, String holder, Map<String, Long> deleted, Instant at) {
        SortedMap<String, Long> counts = checked(deleted);
        jdbc.sql("""
                        UPDATE erasure_holder_confirmation SET confirmed_at = ?, deleted = ?
                        WHERE account_id = ? AND holder = ? AND confirmed_at IS NULL""").params(utc(at), write(counts), accountId, holder).update();
    }

    public List<HolderConfirmation> of(String accountId) {
        return jdbc.sql("""
                        SELECT holder, requested_at, confirmed_at, deleted FROM erasure_holder_confirmation
                        WHERE account_id = ? ORDER BY holder""")
                .param(accountId)
                .query((rs, row) -> new HolderConfirmation(
                        rs.getString("holder"),
                        instant(rs, "requested_at"),
                        instant(rs, "confirmed_at"),
                        read(rs.getString("deleted"))))
                .list();
    }

    private static SortedMap<String, Long> checked(Map<String, Long> deleted) {
        if (deleted == null || deleted.size() > MAX_KINDS) {
            throw new InvalidErasureCallbackException(
                    "'deleted' names up to " + MAX_KINDS + " kinds of data, each with the count deleted");
        }
        deleted.forEach((kind, count) -> {
            if (kind == null || !KIND.matcher(kind).matches() || count == null || count < 0) {
                throw new InvalidErasureCallbackException(
                        "'deleted' counts kinds of data named with 1 to 40 lower-case "
                                + "letters, digits and hyphens, each with a count of 0 or more");
            }
        });
        return new TreeMap<>(deleted);
    }

    private String write(SortedMap<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Counts always serialize", e);
        }
    }

    private SortedMap<String, Long> read(String text) {
        if (text == null) {
            return new TreeMap<>();
        }
        try {
            return json.readValue(text, new TypeReference<TreeMap<String, Long>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The confirmation's counts were written by this class", e);
        }
    }
}
