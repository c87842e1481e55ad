package com.saascrm.statistics;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saascrm.feedback.CancellationReason;
import com.saascrm.retention.OfferAnswer;
import com.saascrm.retention.RetentionGroup;
import com.saascrm.retention.RetentionOffer;
import com.saascrm.statistics.ChurnMonth.Experiment;
import com.saascrm.statistics.ChurnMonth.GroupFigures;
import com.saascrm.statistics.ChurnMonth.OfferFigures;

/**
 * The churn picture per month: the anonymous statistics of ended requests, and the requests still open, counted
 * from the open requests' table without reading who they are.
 */
@Repository
public class MonthlyChurn {

    /** The reason of a request that ended before one was chosen. */
    public static final String NOT_GIVEN = "NOT_GIVEN";

    static final String IN_WIZARD = "IN_WIZARD";
    static final String CANCELLED = "CANCELLED";

    private static final List<String> REASONS = Stream.concat(
                    Arrays.stream(CancellationReason.values()).map(Enum::name), Stream.of(NOT_GIVEN))
            .toList();
    private static final List<String> OUTCOMES =
            Arrays.stream(CancellationOutcome.values()).map(Enum::name).toList();
    private static final List<String> OFFERS = Arrays.stream(RetentionOffer.Kind.values())
            .filter(kind -> kind != RetentionOffer.Kind.NONE)
            .map(Enum::name)
            .toList();
    /** Ended without a confirmed cancellation: the subscription goes on. */
    private static final Set<String> SAVED = Set.of(
            CancellationOutcome.RETAINED.name(),
            CancellationOutcome.PAUSED.name(),
            CancellationOutcome.ABANDONED.name());

    private final JdbcClient jdbc;

    MonthlyChurn(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The picture of each month from {@code from} to {@code to}, both included, months without requests too. */
    public List<ChurnMonth> between(YearMonth from, YearMonth to) {
        Map<YearMonth, Tally> months = new TreeMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.put(month, new Tally());
        }
        jdbc.sql("""
                SELECT request_month, reason_code, outcome, retention_offer, retention_group, retention_answer,
                    COUNT(*) AS requests
                FROM cancellation_statistic WHERE request_month BETWEEN ? AND ?
                GROUP BY request_month, reason_code, outcome, retention_offer, retention_group, retention_answer""").params(from.toString(), to.toString()).query(rs -> {
            Tally tally = months.get(YearMonth.parse(rs.getString("request_month")));
            long requests = rs.getLong("requests");
            String outcome = rs.getString("outcome");
            tally.ended(
                    rs.getString("reason_code") == null ? NOT_GIVEN : rs.getString("reason_code"), outcome, requests);
            tally.offer(
                    rs.getString("retention_offer"),
                    rs.getString("retention_group"),
                    rs.getString("retention_answer"),
                    SAVED.contains(outcome),
                    requests);
        });
        // Open requests by the time they were made; a confirmed one is an account that is cancelling or locked.
        jdbc.sql("""
                SELECT r.requested_at, a.status, r.retention_offer, r.retention_group, r.retention_answer
                FROM cancellation_request r JOIN account a ON a.id = r.account_id
                WHERE r.requested_at >= ? AND r.requested_at < ?""").params(startOf(from), startOf(to.plusMonths(1))).query(rs -> {
            Tally tally = months.get(YearMonth.from(instant(rs, "requested_at").atOffset(ZoneOffset.UTC)));
            boolean confirmed = !"ACTIVE".equals(rs.getString("status"));
            tally.open(confirmed ? CANCELLED : IN_WIZARD);
            if (confirmed) {
                tally.offer(
                        rs.getString("retention_offer"),
                        rs.getString("retention_group"),
                        rs.getString("retention_answer"),
                        false,
                        1);
            }
        });
        return months.entrySet().stream()
                .map(month -> month.getValue().toMonth(month.getKey()))
                .toList();
    }

    private static OffsetDateTime startOf(YearMonth month) {
        return utc(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** One month's counts as the rows come. */
    private static final class Tally {

        private final Map<String, Long> byReason = zeroFor(REASONS);
        private final Map<String, Long> byOutcome = zeroFor(OUTCOMES);
        private final Map<String, Long> stillOpen = zeroFor(List.of(IN_WIZARD, CANCELLED));
        private final Map<String, OfferTally> offers = new LinkedHashMap<>();
        private final GroupTally offered = new GroupTally();
        private final GroupTally control = new GroupTally();

        Tally() {
            OFFERS.forEach(offer -> offers.put(offer, new OfferTally()));
        }

        void ended(String reason, String outcome, long requests) {
            byReason.merge(reason, requests, Long::sum);
            byOutcome.merge(outcome, requests, Long::sum);
        }

        void open(String where) {
            stillOpen.merge(where, 1L, Long::sum);
        }

        /** A decided request's offer, group and answer (each may be absent), and whether it was saved. */
        void offer(String offer, String group, String answer, boolean saved, long requests) {
            OfferTally figures = offer == null ? null : offers.get(offer);
            if (figures == null) {
                return;
            }
            GroupTally inGroup;
            if (RetentionGroup.CONTROL.name().equals(group)) {
                figures.controlGroup += requests;
                inGroup = control;
            } else {
                figures.shown += requests;
                figures.accepted += OfferAnswer.ACCEPT.name().equals(answer) ? requests : 0;
                figures.declined += OfferAnswer.DECLINE.name().equals(answer) ? requests : 0;
                inGroup = offered;
            }
            inGroup.decided += requests;
            inGroup.saved += saved ? requests : 0;
        }

        ChurnMonth toMonth(YearMonth month) {
            Map<String, OfferFigures> offerFigures = new LinkedHashMap<>();
            offers.forEach((offer, figures) -> offerFigures.put(offer, figures.figures()));
            return new ChurnMonth(
                    month,
                    byOutcome.values().stream().mapToLong(Long::longValue).sum(),
                    byReason,
                    byOutcome,
                    stillOpen,
                    offerFigures,
                    new Experiment(offered.figures(), control.figures()));
        }

        private static Map<String, Long> zeroFor(List<String> keys) {
            Map<String, Long> zero = new LinkedHashMap<>();
            keys.forEach(key -> zero.put(key, 0L));
            return zero;
        }
    }

    private static final class OfferTally {
        long shown;
        long accepted;
        long declined;
        long controlGroup;

        OfferFigures figures() {
            return new OfferFigures(shown, accepted, declined, controlGroup);
        }
    }

    private static final class GroupTally {
        long decided;
        long saved;

        GroupFigures figures() {
            return new GroupFigures(decided, saved, decided == 0 ? null : (double) saved / decided);
        }
    }
}
