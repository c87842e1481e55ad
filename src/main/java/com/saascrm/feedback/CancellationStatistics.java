package com.saascrm.feedback;

import java.time.YearMonth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Anonymous counts of why accounts leave and how their requests end. No account id, no person: they outlive deletion. */
@Service
public class CancellationStatistics {

    private final JdbcClient jdbc;

    CancellationStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CancellationReason reason, String planCode, YearMonth requestMonth, CancellationOutcome outcome) {
        jdbc.sql("INSERT INTO cancellation_statistic (reason_code, plan_code, request_month, outcome) VALUES (?, ?, ?, ?)")
                .params(reason == null ? null : reason.name(), planCode, requestMonth.toString(), outcome.name())
                .update();
    }
}
