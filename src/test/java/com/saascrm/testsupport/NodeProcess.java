package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import com.saascrm.AccountCancellationApplication;

/**
 * The application in a JVM of its own, on this JVM's class path, so that a test can kill it as an operating system
 * would ({@code kill -9}): nothing of it runs after that, no shutdown hook, no rollback, no lock released. Its engine
 * clock is this JVM's (the same {@link ClockUtil} offset, given when it starts). Its output goes to a log file, which
 * the test reads to learn that it started and on which port.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (?:\\(s\\): )?(\\d+)");

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a node with the test profile and {@code arguments}, and waits until it is started. */
    public static NodeProcess start(String name, Path logDirectory, List<String> arguments) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + "-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Dnode.clock-offset-millis=" + (ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis()),
                    Main.class.getName(),
                    "--spring.profiles.active=test"));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            NodeProcess node = new NodeProcess(process, log);
            node.awaitLogLine("Started " + AccountCancellationApplication.class.getSimpleName(), Duration.ofMinutes(2));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The HTTP port, for a node that serves one. */
    public int port() {
        Matcher port = PORT.matcher(logText());
        if (!port.find()) {
            throw new IllegalStateException("The node serves no HTTP port; see " + log);
        }
        return Integer.parseInt(port.group(1));
    }

    /** {@code kill -9}: SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the application shuts down as it would when its service is stopped. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Polls the node's log until {@code line} is in it; fails early if the node died. */
    public void awaitLogLine(String line, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!logText().contains(line)) {
            if (!process.isAlive()) {
                throw new AssertionError("The node ended before logging '" + line + "'; see " + log);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Waited " + deadline + " for '" + line + "' in " + log);
            }
            pause();
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError("The node (pid " + process.pid() + ") did not end in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The node's entry point: the test's engine clock, then the application. */
    public static final class Main {
        private Main() {}

        public static void main(String[] args) {
            ClockUtil.offset(Long.getLong("node.clock-offset-millis", 0L));
            AccountCancellationApplication.main(args);
        }
    }
}
