package com.saascrm.statistics;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saascrm.feedback.CancellationReason;
import com.saascrm.retention.OfferTrial;

/** Anonymous counts of why accounts leave and how their requests end. No account id, no person: they outlive deletion. */
@Repository
public class CancellationStatistics {

    /** The reason of a request that ended before one was chosen. */
    public static final String NOT_GIVEN = "NOT_GIVEN";

    private static final List<String> REASONS = Stream.concat(
                    Arrays.stream(CancellationReason.values()).map(Enum::name), Stream.of(NOT_GIVEN))
            .toList();
    private static final List<String> OUTCOMES =
            Arrays.stream(CancellationOutcome.values()).map(Enum::name).toList();

    private final JdbcClient jdbc;

    CancellationStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many requests ended with each outcome, per reason (no reason: left before choosing one). */
    public record ReasonCount(String reason, CancellationOutcome outcome, long count) {}

    public List<ReasonCount> countsByReasonAndOutcome() {
        return jdbc.sql("""
                SELECT reason_code, outcome, COUNT(*) AS requests FROM cancellation_statistic
                GROUP BY reason_code, outcome ORDER BY reason_code, outcome""")
                .query((rs, row) -> new ReasonCount(
                        rs.getString("reason_code"),
                        CancellationOutcome.valueOf(rs.getString("outcome")),
                        rs.getLong("requests")))
                .list();
    }

    /**
     * Ended requests of one month (by the month they were made in): how many, by reason ({@code NOT_GIVEN}: left
     * before choosing one) and by outcome. Every reason and outcome is there, zero where none.
     */
    public record MonthFigures(YearMonth month, long ended, Map<String, Long> byReason, Map<String, Long> byOutcome) {}

    /** The figures of each month from {@code from} to {@code to}, both included, months without requests too. */
    public List<MonthFigures> byMonth(YearMonth from, YearMonth to) {
        Map<YearMonth, Map<String, Long>> reasons = new TreeMap<>();
        Map<YearMonth, Map<String, Long>> outcomes = new TreeMap<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            reasons.put(month, zeroFor(REASONS));
            outcomes.put(month, zeroFor(OUTCOMES));
        }
        jdbc.sql("""
                SELECT request_month, reason_code, outcome, COUNT(*) AS requests FROM cancellation_statistic
                WHERE request_month BETWEEN ? AND ? GROUP BY request_month, reason_code, outcome""").params(from.toString(), to.toString()).query(rs -> {
            YearMonth month = YearMonth.parse(rs.getString("request_month"));
            String reason = rs.getString("reason_code") == null ? NOT_GIVEN : rs.getString("reason_code");
            long requests = rs.getLong("requests");
            reasons.get(month).merge(reason, requests, Long::sum);
            outcomes.get(month).merge(rs.getString("outcome"), requests, Long::sum);
        });
        return reasons.keySet().stream()
                .map(month -> new MonthFigures(
                        month,
                        outcomes.get(month).values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        reasons.get(month),
                        outcomes.get(month)))
                .toList();
    }

    private static Map<String, Long> zeroFor(List<String> keys) {
        Map<String, Long> zero = new LinkedHashMap<>();
        keys.forEach(key -> zero.put(key, 0L));
        return zero;
    }

    public void record(
            CancellationReason reason,
            String planCode,
            YearMonth requestMonth,
            CancellationOutcome outcome,
            OfferTrial offerTrial) {
        jdbc.sql("""
                        INSERT INTO cancellation_statistic (reason_code, plan_code, request_month, outcome,
                            retention_offer, retention_group, retention_answer) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        reason == null ? null : reason.name(),
                        planCode,
                        requestMonth.toString(),
                        outcome.name(),
                        nameOrNull(offerTrial.offer()),
                        nameOrNull(offerTrial.group()),
                        nameOrNull(offerTrial.answer()))
                .update();
    }

    private static String nameOrNull(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
