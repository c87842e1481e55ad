package com.saascrm.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * B2: N accounts through the whole lifecycle (wizard, mails, lockout, reminder, purge), every timer run as soon as
 * it is created (the engine clock stands past all due dates). Per-account cost at the larger N over the smaller:
 * 1.0 means the cost does not grow as the database fills.
 */
class LifecycleCostBenchmark {

    private static final int[] SIZES = java.util.Arrays.stream(System.getProperty("bench.b2.sizes", "1000,10000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int RUNS = Integer.getInteger("bench.b2.runs", Integer.getInteger("bench.runs", 3));
    /**
     * The test mail server lives in this JVM and keeps every message: 10,000 lifecycles leave 100,000 of them on
     * the heap, which would slow the application down for the mail server's sake. A real relay keeps nothing here.
     */
    private static final int MAILS_KEPT_FOR_ACCOUNTS = 100;

    private static BenchApp.Running app;

    @BeforeAll
    static void start() {
        app = BenchApp.startWithMail("b2", false, false);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void costPerAccountAsTheNumberGrows() {
        ProcessEngine engine = app.bean(ProcessEngine.class);
        TestAccounts accounts = new TestAccounts(app.bean(JdbcClient.class), app.bean(AccountIdentities.class));
        List<Measurement.Result> results = new ArrayList<>();
        List<TestAccount> batch = new ArrayList<>();
        for (int size : SIZES) {
            results.add(Measurement.measure(size + " accounts", RUNS, () -> {
                ClockUtil.reset();
                batch.clear();
                for (int i = 0; i < size; i++) {
                    batch.add(accounts.paidAccount("en", Instant.parse("2027-01-31T23:59:59Z")));
                }
                app.forgetReceivedMail();
            }, () -> {
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
                return batch.size();
            }));
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| B2 lifecycle cost (%s, %d run(s) each) | wall time | spread | ms per account | heap: peak / after GC |%n|---|---|---|---|---|%n",
                BenchApp.database(), RUNS));
        double[] perAccount = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            perAccount[i] = results.get(i).median().toMillis() / (double) SIZES[i];
            table.append(String.format(Locale.ROOT, "| %s | %.1f s | %s | %.2f | %s |%n", results.get(i).name(),
                    results.get(i).median().toMillis() / 1000.0, results.get(i).spread(), perAccount[i],
                    results.get(i).heap()));
        }
        table.append(String.format(Locale.ROOT, "| **per-account cost, largest / smallest** (target <= 1.2) | | | **%.2f** | |%n",
                perAccount[SIZES.length - 1] / perAccount[0]));
        BenchApp.report(table.toString());
    }
}
