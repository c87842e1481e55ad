package com.saascrm.account;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saascrm.feedback.CancellationFeedback;
import com.saascrm.retention.OfferAnswer;
import com.saascrm.retention.OfferTrial;
import com.saascrm.retention.RetentionGroup;
import com.saascrm.retention.RetentionOffer;
import com.saascrm.statistics.CancellationOutcome;
import com.saascrm.statistics.CancellationStatistics;

/**
 * The cancellation in progress of each account, from the first wizard step to deletion. Its primary key on the
 * account id lets the database, not a check in Java, refuse a second one.
 */
@Repository
public class CancellationRequests {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final CancellationFeedback feedback;
    private final CancellationStatistics statistics;
    private final ApplicationEventPublisher events;

    CancellationRequests(
            JdbcClient jdbc,
            Accounts accounts,
            CancellationFeedback feedback,
            CancellationStatistics statistics,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.feedback = feedback;
        this.statistics = statistics;
        this.events = events;
    }

    public record CancellationRequest(String accountId, String requestId, String requestedBy, Instant requestedAt) {}

    public Optional<CancellationRequest> find(String accountId) {
        return jdbc.sql(
                        "SELECT account_id, request_id, requested_by, requested_at FROM cancellation_request WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> new CancellationRequest(
                        rs.getString("account_id"),
                        rs.getString("request_id"),
                        rs.getString("requested_by"),
                        instant(rs, "requested_at")))
                .optional();
    }

    void insert(String accountId, String requestId, String requestedBy, Instant requestedAt) {
        jdbc.sql(
                        "INSERT INTO cancellation_request (account_id, request_id, requested_by, requested_at) VALUES (?, ?, ?, ?)")
                .params(accountId, requestId, requestedBy, utc(requestedAt))
                .update();
    }

    /** The offer the decision chose for the request and, with an offer, the experiment's group. */
    public void recordRetentionOffer(String accountId, RetentionOffer.Kind offer, RetentionGroup group) {
        jdbc.sql("UPDATE cancellation_request SET retention_offer = ?, retention_group = ? WHERE account_id = ?")
                .params(offer.name(), group == null ? null : group.name(), accountId)
                .update();
    }

    public void recordOfferAnswer(String accountId, OfferAnswer answer) {
        jdbc.sql("UPDATE cancellation_request SET retention_answer = ? WHERE account_id = ?")
                .params(answer.name(), accountId)
                .update();
    }

    private OfferTrial offerTrialOf(String accountId) {
        return jdbc.sql(
                        "SELECT retention_offer, retention_group, retention_answer FROM cancellation_request WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> new OfferTrial(
                        valueOrNull(RetentionOffer.Kind.class, rs.getString("retention_offer")),
                        valueOrNull(RetentionGroup.class, rs.getString("retention_group")),
                        valueOrNull(OfferAnswer.class, rs.getString("retention_answer"))))
                .optional()
                .orElse(OfferTrial.NOT_DECIDED);
    }

    private static <E extends Enum<E>> E valueOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Ends the account's request with its outcome: counted in the statistics, then forgotten. Idempotent. */
    public void close(String accountId, CancellationOutcome outcome) {
        find(accountId).ifPresent(request -> {
            String planCode = accounts.subscriptionOf(accountId)
                    .map(Subscription::planCode)
                    .orElse("UNKNOWN");
            statistics.record(
                    feedback.reasonOf(request.requestId()).orElse(null),
                    planCode,
                    YearMonth.from(request.requestedAt().atOffset(ZoneOffset.UTC)),
                    outcome,
                    offerTrialOf(accountId));
            jdbc.sql("DELETE FROM cancellation_request WHERE account_id = ?")
                    .param(accountId)
                    .update();
            events.publishEvent(new CancellationRequestClosed(accountId, outcome));
        });
    }
}
