package com.saascrm.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local PostgreSQL server of Debian's packages, which a test restarts as its administrator would
 * ({@code pg_ctlcluster <version> main restart}). A test that cannot do that (no such server here, or not run as
 * root) is skipped and says why; {@code .ci/run} installs and starts it and runs as root, so in CI it always runs.
 */
public final class PostgresServer implements ExecutionCondition {

    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    /**
     * Restarts the server in immediate mode: it stops as if it had crashed (every connection cut, no checkpoint) and
     * recovers from its write-ahead log when it starts again.
     */
    public static void restartImmediately() throws IOException, InterruptedException {
        Process restart = new ProcessBuilder("pg_ctlcluster", version(), "main", "restart", "--mode=immediate")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!restart.waitFor(2, TimeUnit.MINUTES) || restart.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster restart failed");
        }
    }

    private static String version() throws IOException {
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL under " + VERSIONS));
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean installed = Commands.onPath("pg_ctlcluster") && Files.isDirectory(VERSIONS);
        if (!installed) {
            return ConditionEvaluationResult.disabled(
                    "This test restarts PostgreSQL with pg_ctlcluster: install the Debian package postgresql (.ci/run does)");
        }
        if (!List.of("root", "postgres").contains(System.getProperty("user.name"))) {
            return ConditionEvaluationResult.disabled(
                    "This test restarts PostgreSQL with pg_ctlcluster, which needs root or postgres (as in .ci/run)");
        }
        return ConditionEvaluationResult.enabled("PostgreSQL can be restarted with pg_ctlcluster");
    }
}
