package com.saascrm.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL database that the multi-node tests share between their nodes. A test that cannot reach it is
 * skipped and says what to install; {@code .ci/run} creates it, so in CI these tests always run.
 */
public final class ClusterDatabase implements ExecutionCondition {

    public static final String URL = System.getProperty(
            "test.postgresql.cluster.url", "jdbc:postgresql://127.0.0.1:5432/cancellation_cluster_test");
    private static final String USER = System.getProperty("test.postgresql.username", "cancellation");
    private static final String PASSWORD = System.getProperty("test.postgresql.password", "cancellation-test");

    /** Drops everything, so that each test's nodes create the schema anew. */
    public static void empty() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }

    /** The command-line arguments that point a node at the database. */
    public static List<String> nodeArguments() {
        return List.of(
                "--spring.datasource.url=" + URL,
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + URL);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled("This test needs PostgreSQL at " + URL + ": install the Debian "
                    + "package postgresql and create the database as .ci/run does (" + e.getMessage() + ")");
        }
    }
}
