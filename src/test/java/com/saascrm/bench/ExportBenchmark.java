package com.saascrm.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.portability.CrmExporter;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.BulkCrmData;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** B5: the export of an account with 1,000,000 CRM rows, among as many of another account: MB/s of CSV data produced and of ZIP written, and heap. Prints, asserts nothing. */
class ExportBenchmark {

    private static final int ROWS = Integer.getInteger("bench.export.rows", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = BenchApp.start("b5", false, false, BenchApp.freePort());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void exportOfAMillionRows() {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TestAccounts accounts = new TestAccounts(jdbc, app.getBean(AccountIdentities.class));
        TestAccount account = accounts.emptyPaidAccount(Instant.parse("2030-01-31T23:59:59Z"));
        // Its rows lie among another account's, as in production: alone in its tables, it was read by the primary key
        // instead of the account's index (PostgreSQL's plan, once the tables were analysed).
        TestAccount neighbour = accounts.emptyPaidAccount(Instant.parse("2030-01-31T23:59:59Z"));
        new BulkCrmData(jdbc, app.getBean(DataSource.class)).add(List.of(account.id(), neighbour.id()), ROWS);
        // The plan of a page as the export asks for it (the notes), to show which index serves it.
        jdbc.sql("EXPLAIN SELECT id, content FROM crm_note WHERE account_id = ? AND id > ?"
                        + " ORDER BY account_id, id FETCH FIRST 10000 ROWS ONLY")
                .params(account.id(), 0L)
                .query(String.class)
                .list()
                .forEach(line -> System.out.println("[bench] plan of a page: " + line));
        CrmExporter exporter = app.getBean(CrmExporter.class);
        long[] bytes = new long[1];

        Measurement.Result export = Measurement.measure("export to ZIP", RUNS, () -> bytes[0] = 0, () -> {
            try (CountingSink sink = new CountingSink()) {
                exporter.export(account.id(), sink);
                bytes[0] = sink.count;
                return sink.count;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        double seconds = export.median().toMillis() / 1000.0;
        long csvBytes = csvBytes(exporter, account.id());
        BenchApp.report(String.format(
                Locale.ROOT,
                """
                | B5 export of %,d CRM rows among as many of another account (%s, %d runs) | median | spread | MB/s of CSV | MB/s of ZIP | rows/s | heap: peak / after GC |
                |---|---|---|---|---|---|---|
                | %s (target >= 20 MB/s, heap < 256 MB) | %.2f s | %s | %.1f | %.1f | %,.0f | %s |
                """,
                ROWS,
                BenchApp.database(),
                RUNS,
                export.name(),
                seconds,
                export.spread(),
                csvBytes / 1_000_000.0 / seconds,
                bytes[0] / 1_000_000.0 / seconds,
                ROWS / seconds,
                export.heap()));
    }

    /** The uncompressed size of the archive's files: the data the export produces, before deflating. */
    private static long csvBytes(CrmExporter exporter, String accountId) {
        try {
            ByteArrayOutputStream archive = new ByteArrayOutputStream();
            exporter.export(accountId, archive);
            long total = 0;
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
                while (zip.getNextEntry() != null) {
                    total += zip.transferTo(OutputStream.nullOutputStream());
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts what is written and throws it away, so the figure is the export's, not a disk's. */
    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            count += length;
        }
    }
}
