package com.saascrm.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * B2: N accounts through the whole lifecycle (wizard, mails, lockout, reminder, purge, history erasure), every timer
 * run as soon as it is created (the engine clock stands past all due dates). Per-account cost at the larger N over
 * the smaller: 1.0 means the cost does not grow as the database fills.
 * <p>
 * Every run starts a new application on a new database, so that each size starts from the same point: runs that
 * shared one database measured what the earlier runs had left as well as N. The history sweep is on, as in
 * production: erasing the process history of every erased account is part of the lifecycle.
 */
class LifecycleCostBenchmark {

    private static final int[] SIZES = java.util.Arrays.stream(
                    System.getProperty("bench.b2.sizes", "1000,10000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    private static final int RUNS = Integer.getInteger("bench.b2.runs", Integer.getInteger("bench.runs", 3));
    /**
     * The test mail server lives in this JVM and keeps every message: 10,000 lifecycles leave 100,000 of them on
     * the heap, which would slow the application down for the mail server's sake. A real relay keeps nothing here.
     */
    private static final int MAILS_KEPT_FOR_ACCOUNTS = 100;

    /** The SQL statements that took the most time in a run, printed after it: where the time went. */
    private static final int HEAVIEST_STATEMENTS = 12;

    private static BenchApp.Running app;

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void costPerAccountAsTheNumberGrows() {
        List<Measurement.Result> results = new ArrayList<>();
        List<TestAccount> batch = new ArrayList<>();
        for (int size : SIZES) {
            results.add(Measurement.measure(
                    size + " accounts",
                    RUNS,
                    () -> {
                        app = BenchApp.replace(app, "b2", false, "--cancellation.erasure.history-sweep-enabled=true");
                        TestAccounts accounts =
                                new TestAccounts(app.bean(JdbcClient.class), app.bean(AccountIdentities.class));
                        batch.clear();
                        for (int i = 0; i < size; i++) {
                            batch.add(accounts.paidAccount("en", Instant.parse("2027-01-31T23:59:59Z")));
                        }
                        app.forgetReceivedMail();
                        SqlStatementCount.restart(app.bean(JdbcClient.class));
                    },
                    () -> {
                        ProcessEngine engine = app.bean(ProcessEngine.class);
                        int done = 0;
                        for (TestAccount account : batch) {
                            ClockUtil.reset();
                            String instanceId = BenchFlows.cancel(engine, account);
                            ClockUtil.setCurrentTime(Date.from(Instant.parse("2028-01-01T00:00:00Z")));
                            BenchFlows.runAllJobs(engine, instanceId);
                            if (++done % MAILS_KEPT_FOR_ACCOUNTS == 0) {
                                app.forgetReceivedMail();
                            }
                        }
                        SqlStatementCount.heaviest(app.bean(JdbcClient.class), HEAVIEST_STATEMENTS)
                                .forEach(statement ->
                                        System.out.println("[bench] " + size + " accounts, SQL: " + statement));
                        return batch.size();
                    }));
        }
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "| B2 lifecycle cost (%s, %d run(s) each) | wall time | spread | ms per account | heap: peak / after GC |%n|---|---|---|---|---|%n",
                BenchApp.database(),
                RUNS));
        double[] perAccount = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            perAccount[i] = results.get(i).median().toMillis() / (double) SIZES[i];
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f s | %s | %.2f | %s |%n",
                    results.get(i).name(),
                    results.get(i).median().toMillis() / 1000.0,
                    results.get(i).spread(),
                    perAccount[i],
                    results.get(i).heap()));
        }
        table.append(String.format(
                Locale.ROOT,
                "| **per-account cost, largest / smallest** (target <= 1.2) | | | **%.2f** | |%n",
                perAccount[SIZES.length - 1] / perAccount[0]));
        BenchApp.report(table.toString());
    }
}
