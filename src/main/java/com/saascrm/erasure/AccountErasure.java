package com.saascrm.erasure;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.account.AccountStateException;
import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.account.CancellationRequests;
import com.saascrm.crm.CrmCounts;
import com.saascrm.crm.CrmData;
import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.statistics.CancellationOutcome;

/**
 * GDPR deletion of a locked account (terms of service 13.3), in two kinds of steps that each run in a transaction
 * of their own: batches of CRM rows, as many as it takes, then the account itself with its users (those that
 * belong to no other account), memberships, feedback and subscription. The erasure record counts what went; it
 * and the anonymous statistics stay. A crash loses at most the batch in flight, which the next try deletes.
 */
@Service
@Transactional
public class AccountErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);
    private static final String RECORD_COLUMNS = """
            account_id, started_at, erased_at, history_erased_at, organizations, persons, deals, activities, notes,
            users, memberships""";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final CrmData crmData;
    private final CancellationRequests requests;
    private final CancellationFeedback feedback;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountErasure(
            JdbcClient jdbc,
            Accounts accounts,
            CrmData crmData,
            CancellationRequests requests,
            CancellationFeedback feedback,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.crmData = crmData;
        this.requests = requests;
        this.feedback = feedback;
        this.events = events;
        this.clock = clock;
    }

    /** Deletes the next batch of at most {@code maxRows} CRM rows; an empty result means none is left. */
    public CrmCounts eraseCrmBatch(String accountId, int maxRows) {
        requireLocked(accountId);
        Instant start = Instant.now();
        ErasureRecord record = recordInProgress(accountId);
        CrmCounts deleted = crmData.deleteBatch(accountId, maxRows);
        jdbc.sql("""
                UPDATE erasure_record SET organizations = organizations + ?, persons = persons + ?, deals = deals + ?,
                    activities = activities + ?, notes = notes + ?
                WHERE account_id = ? AND erased_at IS NULL""")
                .params(
                        deleted.organizations(),
                        deleted.persons(),
                        deleted.deals(),
                        deleted.activities(),
                        deleted.notes(),
                        accountId)
                .update();
        long soFar = record.crm().total() + deleted.total();
        Duration took = Duration.between(start, Instant.now());
        events.publishEvent(new CrmBatchErased(accountId, deleted.total(), soFar, took));
        log.info(
                "Erasing account {}: {} CRM rows deleted in {} ms, {} so far",
                accountId,
                deleted.total(),
                took.toMillis(),
                soFar);
        return deleted;
    }

    /** Deletes the account itself once its CRM data is gone. A second call for an erased account changes nothing. */
    public ErasureRecord eraseAccount(String accountId) {
        if (accounts.find(accountId).isEmpty()) {
            return recordOf(accountId)
                    .filter(record -> record.erasedAt() != null)
                    .orElseThrow(() -> new AccountStateException("Account '" + accountId + "' does not exist"));
        }
        requireLocked(accountId);
        long crmLeft = crmData.countsOf(accountId).total();
        if (crmLeft > 0) {
            throw new AccountStateException("Account '" + accountId + "' still has " + crmLeft + " CRM rows");
        }
        recordInProgress(accountId);
        requests.close(accountId, CancellationOutcome.DELETED);
        feedback.deleteAllOf(accountId);
        Accounts.Removed removed = accounts.delete(accountId);
        jdbc.sql(
                        "UPDATE erasure_record SET erased_at = ?, users = ?, memberships = ? WHERE account_id = ? AND erased_at IS NULL")
                .params(utc(clock.instant()), removed.users(), removed.memberships(), accountId)
                .update();
        carryRequestIntoRecord(accountId);
        ErasureRecord record = recordOf(accountId).orElseThrow();
        log.info(
                "Erased account {}: {} CRM rows, {} users, {} memberships",
                accountId,
                record.crm().total(),
                removed.users(),
                removed.memberships());
        return record;
    }

    /** The latest erasure of the account, if it was ever erased (or is being erased). */
    @Transactional(readOnly = true)
    public Optional<ErasureRecord> recordOf(String accountId) {
        return jdbc
                .sql("SELECT " + RECORD_COLUMNS + " FROM erasure_record WHERE account_id = ? ORDER BY started_at DESC")
                .param(accountId)
                .query(AccountErasure::record)
                .list()
                .stream()
                .findFirst();
    }

    /** Accounts that are gone but whose process history is still there. */
    @Transactional(readOnly = true)
    public List<String> accountsAwaitingHistoryErasure() {
        return jdbc.sql(
                        "SELECT account_id FROM erasure_record WHERE erased_at IS NOT NULL AND history_erased_at IS NULL")
                .query(String.class)
                .list();
    }

    /** When the account that has waited longest for the erasure of its process history was erased; none: none waits. */
    @Transactional(readOnly = true)
    public Optional<Instant> oldestAwaitingHistoryErasure() {
        return jdbc.sql("SELECT MIN(erased_at) AS oldest FROM erasure_record "
                        + "WHERE erased_at IS NOT NULL AND history_erased_at IS NULL")
                .query((rs, row) -> Optional.ofNullable(instant(rs, "oldest")))
                .single();
    }

    public void markHistoryErased(String accountId) {
        jdbc.sql("UPDATE erasure_record SET history_erased_at = ? WHERE account_id = ? AND erased_at IS NOT NULL "
                        + "AND history_erased_at IS NULL")
                .params(utc(clock.instant()), accountId)
                .update();
    }

    /** A request to erase the account now ends in its record: when it was asked for, and by support or an admin. */
    private void carryRequestIntoRecord(String accountId) {
        jdbc.sql("""
                        UPDATE erasure_record SET
                            requested_at = (SELECT requested_at FROM erasure_request WHERE account_id = ?),
                            requested_by_support = (SELECT requested_by_support FROM erasure_request WHERE account_id = ?)
                        WHERE account_id = ? AND requested_at IS NULL""").params(accountId, accountId, accountId).update();
        jdbc.sql("DELETE FROM erasure_request WHERE account_id = ?")
                .param(accountId)
                .update();
    }

    private ErasureRecord recordInProgress(String accountId) {
        return recordOf(accountId).filter(record -> record.erasedAt() == null).orElseGet(() -> {
            jdbc.sql("""
                    INSERT INTO erasure_record
                        (account_id, started_at, organizations, persons, deals, activities, notes, users, memberships)
                    VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0)""").params(accountId, utc(clock.instant())).update();
            return recordOf(accountId).orElseThrow();
        });
    }

    private void requireLocked(String accountId) {
        AccountStatus status = accounts.get(accountId).status();
        if (status != AccountStatus.LOCKED) {
            throw new AccountStateException(accountId, status, "LOCKED");
        }
    }

    private static ErasureRecord record(ResultSet rs, int row) throws SQLException {
        return new ErasureRecord(
                rs.getString("account_id"),
                instant(rs, "started_at"),
                instant(rs, "erased_at"),
                instant(rs, "history_erased_at"),
                new CrmCounts(
                        rs.getLong("organizations"),
                        rs.getLong("persons"),
                        rs.getLong("deals"),
                        rs.getLong("activities"),
                        rs.getLong("notes")),
                rs.getLong("users"),
                rs.getLong("memberships"));
    }
}
