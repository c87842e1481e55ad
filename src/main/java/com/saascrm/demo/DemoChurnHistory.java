package com.saascrm.demo;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.feedback.CancellationReason;
import com.saascrm.retention.OfferAnswer;
import com.saascrm.retention.OfferTrial;
import com.saascrm.retention.RetentionGroup;
import com.saascrm.retention.RetentionOffer.Kind;
import com.saascrm.statistics.CancellationOutcome;
import com.saascrm.statistics.CancellationStatistics;

/**
 * Six months of made-up anonymous statistics, so that the churn page (/operations/churn) has a picture to show in
 * the demo. Only into an empty statistics table: a real history is never mixed with it.
 */
@Component
@Profile("demo")
class DemoChurnHistory implements ApplicationRunner {

    /** One kind of request of the made-up history, and how many of it a month has (varied by month below). */
    private record MadeUpRequests(
            CancellationReason reason, CancellationOutcome outcome, OfferTrial offer, int perMonth) {}

    private static final List<MadeUpRequests> MONTH = List.of(
            new MadeUpRequests(
                    CancellationReason.TOO_EXPENSIVE,
                    CancellationOutcome.RETAINED,
                    offered(Kind.CHEAPER_PLAN, OfferAnswer.ACCEPT),
                    4),
            new MadeUpRequests(
                    CancellationReason.TOO_EXPENSIVE,
                    CancellationOutcome.DELETED,
                    offered(Kind.CHEAPER_PLAN, OfferAnswer.DECLINE),
                    3),
            new MadeUpRequests(
                    CancellationReason.TOO_EXPENSIVE, CancellationOutcome.DELETED, control(Kind.DISCOUNT), 1),
            new MadeUpRequests(
                    CancellationReason.UNUSED, CancellationOutcome.PAUSED, offered(Kind.PAUSE, OfferAnswer.ACCEPT), 5),
            new MadeUpRequests(
                    CancellationReason.UNUSED,
                    CancellationOutcome.DELETED,
                    offered(Kind.PAUSE, OfferAnswer.DECLINE),
                    2),
            new MadeUpRequests(CancellationReason.UNUSED, CancellationOutcome.ABANDONED, control(Kind.PAUSE), 1),
            new MadeUpRequests(CancellationReason.UNUSED, CancellationOutcome.DELETED, control(Kind.PAUSE), 1),
            new MadeUpRequests(
                    CancellationReason.TOO_COMPLEX,
                    CancellationOutcome.RETAINED,
                    offered(Kind.SUPPORT_CALL, OfferAnswer.ACCEPT),
                    2),
            new MadeUpRequests(
                    CancellationReason.TOO_COMPLEX,
                    CancellationOutcome.WITHDRAWN,
                    offered(Kind.SUPPORT_CALL, OfferAnswer.DECLINE),
                    1),
            new MadeUpRequests(CancellationReason.SWITCHED_SERVICE, CancellationOutcome.DELETED, none(), 4),
            new MadeUpRequests(CancellationReason.BUSINESS_CLOSED, CancellationOutcome.DELETED, none(), 2),
            new MadeUpRequests(CancellationReason.MISSING_FEATURES, CancellationOutcome.REOPENED, none(), 1),
            new MadeUpRequests(null, CancellationOutcome.ABANDONED, OfferTrial.NOT_DECIDED, 3));

    private final CancellationStatistics statistics;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DemoChurnHistory(CancellationStatistics statistics, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.statistics = statistics;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.sql("SELECT COUNT(*) FROM cancellation_statistic")
                            .query(Long.class)
                            .single()
                    > 0) {
                return;
            }
            YearMonth now = YearMonth.now(clock);
            for (int monthsAgo = 6; monthsAgo >= 1; monthsAgo--) {
                YearMonth month = now.minusMonths(monthsAgo);
                for (MadeUpRequests kind : MONTH) {
                    // A little more each month, so that the picture is not flat.
                    int requests = kind.perMonth() + (monthsAgo + kind.perMonth()) % 3;
                    for (int i = 0; i < requests; i++) {
                        statistics.record(kind.reason(), "PROFESSIONAL", month, kind.outcome(), kind.offer());
                    }
                }
            }
        });
    }

    private static OfferTrial offered(Kind offer, OfferAnswer answer) {
        return new OfferTrial(offer, RetentionGroup.OFFERED, answer);
    }

    private static OfferTrial control(Kind offer) {
        return new OfferTrial(offer, RetentionGroup.CONTROL, null);
    }

    private static OfferTrial none() {
        return new OfferTrial(Kind.NONE, null, null);
    }
}
