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
 * clock follows this JVM's: the {@link ClockUtil} offset is given when it starts, and again by {@link #followClock}
 * through a file that the node watches. Its output goes to a log file, which the test reads to learn that it started
 * and on which port.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (?:\\(s\\): )?(\\d+)");

    private final Process process;
    private final Path log;
    private final Path clock;

    private NodeProcess(Process process, Path log, Path clock) {
        this.process = process;
        this.log = log;
        this.clock = clock;
    }

    /** Starts a node with the test profile and {@code arguments}, and waits until it is started. */
    public static NodeProcess start(String name, Path logDirectory, List<String> arguments) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + "-" + System.nanoTime() + ".log");
            Path clock = Path.of(log + ".clock");
            writeOffset(clock);
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx512m",
                    "-cp",
                    classPath(),
                    "-Dnode.clock=" + clock,
                    Main.class.getName(),
                    "--spring.profiles.active=test"));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            NodeProcess node = new NodeProcess(process, log, clock);
            node.awaitLogLine("Started " + AccountCancellationApplication.class.getSimpleName(), Duration.ofMinutes(2));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This JVM's class path without its empty entries: the test runner's ends with one, which Java reads as the
     * working directory, where the models lie once more (under bpmn/), so the engine would deploy each twice.
     */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.equals("."))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Moves the node's engine clock to where this JVM's is now (within a tenth of a second). */
    public void followClock() {
        writeOffset(clock);
    }

    private static void writeOffset(Path clock) {
        try {
            Path next = Path.of(clock + ".next");
            Files.writeString(next, Long.toString(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis()));
            Files.move(next, clock, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

    /** The node's entry point: the test's engine clock, watched for changes, then the application. */
    public static final class Main {
        private Main() {}

        public static void main(String[] args) throws IOException {
            Path clock = Path.of(System.getProperty("node.clock"));
            ClockUtil.offset(Long.parseLong(Files.readString(clock)));
            Thread watcher = new Thread(() -> followOffset(clock), "node-clock");
            watcher.setDaemon(true);
            watcher.start();
            AccountCancellationApplication.main(args);
        }

        private static void followOffset(Path clock) {
            String applied = "";
            while (true) {
                try {
                    String offset = Files.readString(clock);
                    if (!offset.equals(applied)) {
                        ClockUtil.offset(Long.parseLong(offset));
                        applied = offset;
                    }
                    Thread.sleep(50);
                } catch (IOException e) {
                    // being replaced: read it again
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
