package com.saascrm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
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

    private BenchApp() {}

    static ConfigurableApplicationContext start(
            String name, boolean web, boolean jobExecutor, int smtpPort, String... extraArguments) {
        return start(h2File(name), web, jobExecutor, smtpPort, extraArguments);
    }

    private static ConfigurableApplicationContext start(
            Path h2File, boolean web, boolean jobExecutor, int smtpPort, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=test",
                "--spring.mail.port=" + smtpPort,
                "--camunda.bpm.job-execution.enabled=" + jobExecutor,
                // engine-rest and the web apps serve the engine named "default"; without them, unique names let
                // applications of one JVM overlap safely.
                "--camunda.bpm.generate-unique-process-engine-name=" + !web,
                "--camunda.bpm.generate-unique-process-application-name=" + !web));
        if ("postgresql".equals(System.getProperty("bench.database"))) {
            String url =
                    System.getProperty("bench.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/cancellation_bench");
            String username = System.getProperty("bench.postgresql.username", "cancellation");
            String password = System.getProperty("bench.postgresql.password", "cancellation-test");
            emptySchema(url, username, password);
            arguments.add("--spring.datasource.url=" + url);
            arguments.add("--spring.datasource.username=" + username);
            arguments.add("--spring.datasource.password=" + password);
        } else {
            arguments.add("--spring.datasource.url=jdbc:h2:file:" + h2File.toAbsolutePath());
        }
        if (web) {
            arguments.add("--server.port=0");
        } else {
            arguments.add(
                    "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
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

    /** A new H2 database file for every application; on PostgreSQL the path is not used. */
    private static Path h2File(String name) {
        return Path.of("target", "bench", name + "-" + System.nanoTime());
    }

    /**
     * The application with the SMTP server it sends to; closing stops both, deletes the application's H2 database
     * (tens of runs would fill the disk) and resets the engine clock.
     */
    record Running(ConfigurableApplicationContext context, GreenMail smtp, Path h2File) implements AutoCloseable {

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
            try {
                Files.deleteIfExists(h2File.resolveSibling(h2File.getFileName() + ".mv.db"));
                Files.deleteIfExists(h2File.resolveSibling(h2File.getFileName() + ".trace.db"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Running startWithMail(String name, boolean web, boolean jobExecutor, String... extraArguments) {
        int smtpPort = freePort();
        GreenMail smtp = new PromptGreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path h2File = h2File(name);
        return new Running(start(h2File, web, jobExecutor, smtpPort, extraArguments), smtp, h2File);
    }

    /**
     * Closes {@code previous} (if any) and starts a new application with its own mail server and database: for the
     * benchmarks whose every run must start from an empty database.
     */
    static Running replace(Running previous, String name, boolean jobExecutor, String... extraArguments) {
        if (previous != null) {
            previous.close();
        }
        return startWithMail(name, false, jobExecutor, extraArguments);
    }

    /**
     * GreenMail with Nagle's algorithm off on its SMTP connections. GreenMail writes its two-line EHLO reply in two
     * writes; with Nagle on, the second waits for the client's delayed acknowledgement, about 40 ms on Linux, on
     * every mail. A JFR profile of B2 found the application waiting there for about 60 % of its time. A relay in
     * production answers EHLO in one write, so the benchmarks must not charge that wait to the application.
     */
    private static final class PromptGreenMail extends GreenMail {

        PromptGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> servers = new HashMap<>();
            for (ServerSetup setup : config) {
                servers.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected void handleClientSocket(Socket socket) throws SocketException {
                        socket.setTcpNoDelay(true);
                        super.handleClientSocket(socket);
                    }
                });
            }
            return servers;
        }
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
            Files.writeString(
                    REPORT,
                    table + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
