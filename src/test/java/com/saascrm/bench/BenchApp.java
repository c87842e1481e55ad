package com.saascrm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saascrm.AccountCancellationApplication;

/**
 * Starts the application for a benchmark: on a new H2 file database under target/bench, or on PostgreSQL with
 * {@code -Dbench.database=postgresql} (URL, user and password in {@code bench.postgresql.*}), with a mail server
 * the caller runs on {@code smtpPort}. Figures land in target/benchmarks.md as well as on the console.
 */
final class BenchApp {

    static final Path REPORT = Path.of("target", "benchmarks.md");

    private BenchApp() {
    }

    static ConfigurableApplicationContext start(String name, boolean web, boolean jobExecutor, int smtpPort,
                                                String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=test",
                "--spring.mail.port=" + smtpPort,
                "--camunda.bpm.job-execution.enabled=" + jobExecutor,
                // engine-rest and the web apps serve the engine named "default"; without them, unique names let
                // applications of one JVM overlap safely.
                "--camunda.bpm.generate-unique-process-engine-name=" + !web,
                "--camunda.bpm.generate-unique-process-application-name=" + !web));
        if ("postgresql".equals(System.getProperty("bench.database"))) {
            String url = System.getProperty("bench.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/cancellation_bench");
            String username = System.getProperty("bench.postgresql.username", "cancellation");
            String password = System.getProperty("bench.postgresql.password", "cancellation-test");
            emptySchema(url, username, password);
            arguments.add("--spring.datasource.url=" + url);
            arguments.add("--spring.datasource.username=" + username);
            arguments.add("--spring.datasource.password=" + password);
        } else {
            arguments.add("--spring.datasource.url=jdbc:h2:file:"
                    + Path.of("target", "bench", name + "-" + System.nanoTime()).toAbsolutePath());
        }
        if (web) {
            arguments.add("--server.port=0");
        } else {
            arguments.add("--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
                    + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");
        }
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(AccountCancellationApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
    }

    /** Every benchmark starts on an empty database, as it does on H2 with a new file. */
    private static void emptySchema(String url, String username, String password) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the benchmark database " + url, e);
        }
    }

    /** The application with the SMTP server it sends to; closing stops both and resets the engine clock. */
    record Running(ConfigurableApplicationContext context, GreenMail smtp) implements AutoCloseable {

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        /** Drops the messages the mail server has received so far. */
        void forgetReceivedMail() {
            try {
                smtp.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            context.close();
            smtp.stop();
            ClockUtil.reset();
        }
    }

    static Running startWithMail(String name, boolean web, boolean jobExecutor) {
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new Running(start(name, web, jobExecutor, smtpPort), smtp);
    }

    static String database() {
        return "postgresql".equals(System.getProperty("bench.database")) ? "PostgreSQL" : "H2 file";
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a table and appends it to target/benchmarks.md. */
    static void report(String table) {
        System.out.println();
        System.out.println(table);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, table + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
