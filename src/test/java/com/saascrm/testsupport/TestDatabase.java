package com.saascrm.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which database the tests run on: H2 unless the build passes {@code test.database=postgresql} (the second run of
 * the process tests does). On PostgreSQL a test that cannot reach the server is skipped and says what to install;
 * {@code .ci/run} installs and starts it, so in CI these tests always run.
 */
public final class TestDatabase implements ExecutionCondition {

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("test.database"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!postgres()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        String url = System.getProperty("spring.datasource.url");
        try (Connection ignored = DriverManager.getConnection(
                url,
                System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password"))) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + url);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled("PostgreSQL is not reachable at " + url + ": install the Debian "
                    + "package postgresql and create the test database as .ci/run does (" + e.getMessage() + ")");
        }
    }
}
