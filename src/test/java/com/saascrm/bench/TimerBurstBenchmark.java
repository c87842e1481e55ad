package com.saascrm.bench;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts;

/**
 * B3: N lockout timers due at the same moment, drained by the configured job executor, against N no-op timers of
 * a bare process in the same application (the baseline). Figure: baseline time over ours (1.0 = as fast).
 */
class TimerBurstBenchmark {

    private static final int TIMERS = Integer.getInteger("bench.b3.timers", 10_000);
    private static final int RUNS = Integer.getInteger("bench.b3.runs", Integer.getInteger("bench.runs", 3));
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    private static BenchApp.Running app;

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void drainTimeOfABurstOfTimers() {
        long[] statements = new long[2];
        // The notices go out after the lockouts (README, E-mail): each run is timed to the last notice, and the
        // moment the last account was locked is kept here.
        List<Duration> lockedAfter = new ArrayList<>();

        Measurement.Result lockouts = Measurement.measure(
                "lockout timers",
                RUNS,
                () -> {
                    ProcessEngine engine = newApplication();
                    JdbcClient jdbc = app.bean(JdbcClient.class);
                    TestAccounts accounts = new TestAccounts(jdbc, app.bean(AccountIdentities.class));
                    clockAt(Instant.parse("2027-01-10T10:00:00Z"));
                    for (int i = 0; i < TIMERS; i++) {
                        BenchFlows.cancel(engine, accounts.paidAccount("en", PERIOD_END));
                    }
                    await(() -> engine.getManagementService()
                                    .createJobQuery()
                                    .processDefinitionKey(PROCESS_KEY)
                                    .executable()
                                    .count()
                            == 0);
                    SqlStatementCount.restart(jdbc);
                },
                () -> {
                    JdbcClient jdbc = app.bean(JdbcClient.class);
                    ProcessEngine engine = app.bean(ProcessEngine.class);
                    long start = System.nanoTime();
                    dueNow(engine);
                    await(() -> jdbc.sql("SELECT COUNT(*) FROM account WHERE status = 'CANCELLATION_SCHEDULED'")
                                    .query(Long.class)
                                    .single()
                            == 0);
                    lockedAfter.add(Duration.ofNanos(System.nanoTime() - start));
                    await(() -> engine.getManagementService()
                                    .createJobQuery()
                                    .processDefinitionKey(PROCESS_KEY)
                                    .executable()
                                    .count()
                            == 0);
                    statements[0] = SqlStatementCount.sinceRestart(jdbc);
                    return TIMERS;
                });
        Collections.sort(lockedAfter);
        double locked = lockedAfter.get(lockedAfter.size() / 2).toMillis() / 1000.0;

        Measurement.Result bare = Measurement.measure(
                "no-op timers of a bare process",
                RUNS,
                () -> {
                    ProcessEngine engine = newApplication();
                    clockAt(Instant.parse("2027-01-10T10:00:00Z"));
                    Date due = Date.from(PERIOD_END);
                    for (int i = 0; i < TIMERS; i++) {
                        engine.getRuntimeService().startProcessInstanceByKey(BenchFlows.ONE_TIMER, Map.of("due", due));
                    }
                    SqlStatementCount.restart(app.bean(JdbcClient.class));
                },
                () -> {
                    ProcessEngine engine = app.bean(ProcessEngine.class);
                    dueNow(engine);
                    await(() -> engine.getRuntimeService()
                                    .createProcessInstanceQuery()
                                    .processDefinitionKey(BenchFlows.ONE_TIMER)
                                    .count()
                            == 0);
                    statements[1] = SqlStatementCount.sinceRestart(app.bean(JdbcClient.class));
                    return TIMERS;
                });

        BenchApp.report(String.format(
                Locale.ROOT,
                """
                | B3 timer burst (%s, %,d timers, %d run(s)) | drain time | spread | timers/s | SQL statements per timer |
                |---|---|---|---|---|
                | lockout timers: every account locked | %.2f s | %s | %.0f | |
                | ... and every lockout notice sent | %.2f s | %s | %.0f | %s |
                | %s | %.2f s | %s | %.0f | %s |
                | **ratio baseline time / ours, to every account locked** (target >= 0.8) | | | **%.2f** | |
                """,
                BenchApp.database(),
                TIMERS,
                RUNS,
                locked,
                spread(lockedAfter),
                TIMERS / locked,
                seconds(lockouts),
                lockouts.spread(),
                TIMERS / seconds(lockouts),
                perTimer(statements[0]),
                bare.name(),
                seconds(bare),
                bare.spread(),
                TIMERS / seconds(bare),
                perTimer(statements[1]),
                seconds(bare) / locked));
    }

    /**
     * Every run gets a new application on a new database, so that no run drains its timers next to what the runs
     * before it left behind.
     */
    private static ProcessEngine newApplication() {
        app = BenchApp.replace(app, "b3", true);
        ProcessEngine engine = app.bean(ProcessEngine.class);
        BenchFlows.deployBaselines(engine);
        return engine;
    }

    private static String perTimer(long statements) {
        return statements < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", statements / (double) TIMERS);
    }

    private static String spread(List<Duration> sorted) {
        return String.format(
                Locale.ROOT,
                "%.2f-%.2f s",
                sorted.get(0).toMillis() / 1000.0,
                sorted.get(sorted.size() - 1).toMillis() / 1000.0);
    }

    private static double seconds(Measurement.Result result) {
        return result.median().toMillis() / 1000.0;
    }

    /**
     * Moves the clock past the due date and wakes the job executor. Without the wake-up, the first seconds of the
     * window would be the acquisition's idle back-off (it found no due jobs before the clock moved), not work.
     */
    private static void dueNow(ProcessEngine engine) {
        clockAt(PERIOD_END.plusSeconds(1));
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor()
                .jobWasAdded();
    }

    /** The engine clock runs on from {@code instant}, so the job executor's locks keep expiring in real time. */
    private static void clockAt(Instant instant) {
        ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The burst did not drain in 30 minutes");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
