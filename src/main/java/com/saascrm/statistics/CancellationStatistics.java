package com.saascrm.statistics;

import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saascrm.feedback.CancellationReason;
import com.saascrm.retention.OfferTrial;

/** Anonymous counts of why accounts leave and how their requests end. No account id, no person: they outlive deletion. */
@Repository
public class CancellationStatistics {

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
