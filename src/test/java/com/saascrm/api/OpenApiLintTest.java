package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.Commands;

/**
 * Redocly's recommended rules, with the examples checked against their schemas ({@code docs/api/redocly.yaml}), find
 * nothing in the contract (errors and warnings alike). Redocly runs on Node.js:
 * where npx is missing the test skips, saying so; {@code .ci/run} installs it.
 */
class OpenApiLintTest {

    private static final String REDOCLY = "@redocly/cli@2.77.0";
    private static final Path CONFIG = Path.of("docs", "api", "redocly.yaml");

    @TempDir
    Path work;

    @Test
    void theContractPassesRedoclysRecommendedRules() throws IOException, InterruptedException {
        assumeTrue(
                Commands.onPath("npx"),
                "Redocly needs Node.js: install it (Debian: apt-get install nodejs npm) to lint the API");
        Path report = work.resolve("lint.json");
        ProcessBuilder redocly = new ProcessBuilder(List.of(
                        "npx",
                        "--yes",
                        REDOCLY,
                        "lint",
                        "--config=" + CONFIG.toAbsolutePath(),
                        "--format=json",
                        OpenApiDocumentTest.CONTRACT.toAbsolutePath().toString()))
                .directory(work.toFile())
                .redirectOutput(report.toFile())
                .redirectError(work.resolve("lint.log").toFile());
        // This machine reaches no host but the package registries: Redocly is not to call home or look for updates.
        redocly.environment().put("REDOCLY_TELEMETRY", "off");
        redocly.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process lint = redocly.start();
        boolean ended = lint.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            lint.destroyForcibly();
        }
        assertThat(ended).as("Redocly ended within 5 minutes").isTrue();

        String output = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(output).as(Files.readString(work.resolve("lint.log"))).isNotBlank();
        JsonNode result = new ObjectMapper().readTree(output);
        assertThat(result.path("problems")).as(output).isEmpty();
        assertThat(result.at("/totals/errors").asInt()
                        + result.at("/totals/warnings").asInt())
                .as(output)
                .isZero();
        assertThat(lint.exitValue()).isZero();
    }
}
