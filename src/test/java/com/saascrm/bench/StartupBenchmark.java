package com.saascrm.bench;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** B6: seconds from nothing to a ready application (web apps, engine-rest, API, job executor) on a new database. */
class StartupBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    @Test
    void secondsToReady() {
        int smtpPort = BenchApp.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Measurement.Result startup = Measurement.measure("start to ready", RUNS, () -> {}, () -> {
                BenchApp.start("b6", true, true, smtpPort).close();
                return 1;
            });
            BenchApp.report(String.format(
                    Locale.ROOT,
                    """
                    | B6 start-up (%s, new database, %d runs; includes closing) | median | spread |
                    |---|---|---|
                    | %s (target < 15 s) | %.2f s | %s |
                    """,
                    BenchApp.database(),
                    RUNS,
                    startup.name(),
                    startup.median().toMillis() / 1000.0,
                    startup.spread()));
        } finally {
            smtp.stop();
        }
    }
}
