package com.saascrm.erasure;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import com.saascrm.feedback.CancellationOutcome;

/**
 * GDPR deletion of a locked account (terms of service 13.3): every row of the account goes, users that belong
 * to no other account go with it; the erasure record and the anonymous statistics stay.
 */
@Service
@Transactional
public class AccountErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final CrmData crmData;
    private final CancellationRequests requests;
    private final CancellationFeedback feedback;
    private final Clock clock;

    AccountErasure(JdbcClient jdbc, Accounts accounts, CrmData crmData, CancellationRequests requests,
                   CancellationFeedback feedback, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.crmData = crmData;
        this.requests = requests;
        this.feedback = feedback;
        this.clock = clock;
    }

    /** Purges the account; a second call for an account already erased returns the earlier record's figures. */
    public ErasureRecord erase(String accountId) {
        Optional<ErasureRecord> earlier = recordOf(accountId);
        if (accounts.find(accountId).isEmpty() && earlier.isPresent()) {
            return earlier.get();
        }
        AccountStatus status = accounts.get(accountId).status();
        if (status != AccountStatus.LOCKED) {
            throw new AccountStateException(accountId, status, "LOCKED");
        }
        requests.close(accountId, CancellationOutcome.DELETED);
        feedback.deleteAllOf(accountId);
        CrmCounts crm = crmData.deleteAllOf(accountId);

        List<String> logins = jdbc.sql("SELECT login FROM account_membership WHERE account_id = ? ORDER BY login")
                .param(accountId).query(String.class).list();
        long memberships = jdbc.sql("DELETE FROM account_membership WHERE account_id = ?").param(accountId).update();
        List<String> orphans = logins.stream().filter(this::belongsToNoAccount).toList();
        orphans.forEach(login -> jdbc.sql("DELETE FROM app_user WHERE login = ?").param(login).update());
        jdbc.sql("DELETE FROM subscription WHERE account_id = ?").param(accountId).update();
        jdbc.sql("DELETE FROM account WHERE id = ?").param(accountId).update();

        Instant erasedAt = clock.instant();
        ErasureRecord record = new ErasureRecord(accountId, erasedAt, crm, orphans.size(), memberships, orphans);
        jdbc.sql("""
                INSERT INTO erasure_record
                    (account_id, erased_at, organizations, persons, deals, activities, notes, users, memberships)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, utc(erasedAt), crm.organizations(), crm.persons(), crm.deals(), crm.activities(),
                        crm.notes(), record.users(), memberships)
                .update();
        log.info("Erased account {}: {} CRM rows, {} users, {} memberships", accountId, crm.total(), orphans.size(),
                memberships);
        return record;
    }

    public Optional<ErasureRecord> recordOf(String accountId) {
        return jdbc.sql("""
                SELECT account_id, erased_at, organizations, persons, deals, activities, notes, users, memberships
                FROM erasure_record WHERE account_id = ? ORDER BY erased_at DESC""")
                .param(accountId)
                .query((rs, row) -> new ErasureRecord(rs.getString("account_id"),
                        instant(rs, "erased_at"),
                        new CrmCounts(rs.getLong("organizations"), rs.getLong("persons"), rs.getLong("deals"),
                                rs.getLong("activities"), rs.getLong("notes")),
                        rs.getLong("users"), rs.getLong("memberships"), List.of()))
                .list().stream().findFirst();
    }

    private boolean belongsToNoAccount(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM account_membership WHERE login = ?").param(login).query(Integer.class).single() == 0;
    }
}
