package com.saascrm.bench;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * B4 of the benchmarks: the purge of an account with 1,000,000 CRM rows through the process (batches of 10,000,
 * each a job), against a plain DELETE of the same rows. Prints figures; asserts nothing. Runs with
 * {@code ./mvnw -Pbench verify}.
 */
class PurgeBenchmark {

    private static final int ROWS = Integer.getInteger("bench.purge.rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    private static BenchApp.Running app;

    @BeforeAll
    static void start() {
        app = BenchApp.startWithMail("b4", false, false);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void purgeOfAMillionRows() {
        JdbcClient jdbc = app.bean(JdbcClient.class);
        TestAccounts accounts = new TestAccounts(jdbc, app.bean(AccountIdentities.class));
        BulkCrmData bulk = new BulkCrmData(jdbc, app.bean(DataSource.class));
        ProcessEngine engine = app.bean(ProcessEngine.class);
        ProcessInstance[] instance = new ProcessInstance[1];

        Measurement.Result purge = Measurement.measure(
                "purge through the process",
                RUNS,
                () -> {
                    TestAccount account = accounts.paidAccount("en", PERIOD_END);
                    bulk.add(account.id(), ROWS);
                    instance[0] = bringToPurge(engine, account);
                },
                () -> runJobs(engine, instance[0]));

        String[] plainAccount = new String[1];
        Measurement.Result plain = Measurement.measure(
                "plain DELETE",
                RUNS,
                () -> {
                    TestAccount account = accounts.paidAccount("en", PERIOD_END);
                    bulk.add(account.id(), ROWS);
                    plainAccount[0] = account.id();
                },
                () -> {
                    long deleted = 0;
                    for (String table :
                            List.of("crm_note", "crm_activity", "crm_deal", "crm_person", "crm_organization")) {
                        deleted += jdbc.sql("DELETE FROM " + table + " WHERE account_id = ?")
                                .param(plainAccount[0])
                                .update();
                    }
                    return deleted;
                });

        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "| B4 purge of %,d CRM rows (%s, %d runs) | median | spread | rows/s | heap: peak / after GC |%n|---|---|---|---|---|%n",
                ROWS,
                BenchApp.database(),
                RUNS));
        for (Measurement.Result result : List.of(purge, plain)) {
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f s | %s | %,.0f | %s |%n",
                    result.name(),
                    result.median().toMillis() / 1000.0,
                    result.spread(),
                    ROWS / (result.median().toMillis() / 1000.0),
                    result.heap()));
        }
        table.append(String.format(
                Locale.ROOT,
                "| **ratio purge / plain DELETE** (target <= 2.0, heap < 256 MB) | **%.2f** | | | |%n",
                (double) purge.median().toMillis() / plain.median().toMillis()));
        BenchApp.report(table.toString());
    }

    private static ProcessInstance bringToPurge(ProcessEngine engine, TestAccount account) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-10T10:00:00Z")));
        ProcessInstance instance = Cancellations.startAs(engine, account.admin(), account.id());
        Cancellations.completeWizard(engine, instance.getId());
        runDueJobs(engine, instance);
        ClockUtil.setCurrentTime(Date.from(PERIOD_END));
        runDueJobs(engine, instance);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-07-31T23:59:59Z")));
        // Everything up to the deletion timer; the timer itself starts the timed part.
        for (int i = 0; i < 2; i++) {
            executeFirstJob(engine, instance);
        }
        return instance;
    }

    private static void runDueJobs(ProcessEngine engine, ProcessInstance instance) {
        Job job;
        while ((job = engine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .executable()
                        .listPage(0, 1)
                        .stream()
                        .findFirst()
                        .orElse(null))
                != null) {
            engine.getManagementService().executeJob(job.getId());
        }
    }

    private static void executeFirstJob(ProcessEngine engine, ProcessInstance instance) {
        Job job = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .listPage(0, 1)
                .get(0);
        engine.getManagementService().executeJob(job.getId());
    }

    private static long runJobs(ProcessEngine engine, ProcessInstance instance) {
        long jobs = 0;
        Job job;
        while ((job =
                        engine
                                .getManagementService()
                                .createJobQuery()
                                .processInstanceId(instance.getId())
                                .listPage(0, 1)
                                .stream()
                                .findFirst()
                                .orElse(null))
                != null) {
            engine.getManagementService().executeJob(job.getId());
            jobs++;
        }
        return jobs;
    }
}
