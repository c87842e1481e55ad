package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the API answered the tests of this build is what its OpenAPI document declares: every status an operation
 * gave is documented for it, and every status documented for an operation was given to some test. The answers are
 * the access logs that the tests' applications write to {@code target/api-answers} (application-test.yaml), which
 * every build starts empty; this runs in a failsafe execution of its own after all other tests, so it reads the
 * answers of the whole suite.
 */
class ApiAnswersDocumentedIT {

    private static final Path ANSWERS = Path.of("target", "api-answers");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
    /**
     * HTTP's own answers, which the server gives any request before the application reads it and which the
     * document's description names once: 417 for an Expect header the server does not know.
     */
    private static final Set<Integer> PROTOCOL_ANSWERS = Set.of(417);

    @Test
    void everyAnswerGivenIsDocumentedAndEveryDocumentedAnswerWasGiven() throws IOException {
        Map<Route, Set<Integer>> documented = documentedAnswers();
        Set<String> given = givenAnswers(documented.keySet());
        Set<String> declared = new TreeSet<>();
        documented.forEach((route, statuses) -> statuses.forEach(status -> declared.add(route.answer(status))));

        assertThat(difference(given, declared))
                .as("answers the API gave a test that docs/api/openapi.json does not declare")
                .isEmpty();
        assertThat(difference(declared, given))
                .as("answers docs/api/openapi.json declares that no test received (run the whole suite: ./mvnw verify)")
                .isEmpty();
    }

    /** An operation: its method and the template of its path. */
    record Route(String method, String path, Pattern pattern) {

        static Route of(String method, String path) {
            StringBuilder regex = new StringBuilder();
            int end = 0;
            var variables = VARIABLE.matcher(path);
            while (variables.find()) {
                regex.append(Pattern.quote(path.substring(end, variables.start())))
                        .append("[^/]+");
                end = variables.end();
            }
            regex.append(Pattern.quote(path.substring(end)));
            return new Route(method, path, Pattern.compile(regex.toString()));
        }

        boolean matches(String method, String path) {
            return this.method.equals(method) && pattern.matcher(path).matches();
        }

        String answer(int status) {
            return method + " " + path + " " + status;
        }
    }

    private static Map<Route, Set<Integer>> documentedAnswers() throws IOException {
        JsonNode paths = new ObjectMapper()
                .readTree(OpenApiDocumentTest.CONTRACT.toFile())
                .path("paths");
        Map<Route, Set<Integer>> answers = new java.util.LinkedHashMap<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    Set<Integer> statuses = new TreeSet<>();
                    operation
                            .getValue()
                            .path("responses")
                            .fieldNames()
                            .forEachRemaining(code -> statuses.add(Integer.valueOf(code)));
                    answers.put(
                            Route.of(operation.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey()), statuses);
                }));
        return answers;
    }

    /** Each access log line ({@code POST /api/accounts/acme/cancellation 201}) of a documented operation. */
    private static Set<String> givenAnswers(Set<Route> routes) throws IOException {
        assertThat(ANSWERS)
                .as("the unit tests' access logs: run the whole suite (./mvnw verify)")
                .isDirectory();
        try (Stream<Path> logs = Files.list(ANSWERS)) {
            return logs.flatMap(ApiAnswersDocumentedIT::lines)
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length == 3 && !PROTOCOL_ANSWERS.contains(Integer.valueOf(fields[2])))
                    .flatMap(fields -> routeOf(routes, fields[0], fields[1]).stream()
                            .map(route -> route.answer(Integer.parseInt(fields[2]))))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Optional<Route> routeOf(Set<Route> routes, String method, String path) {
        return routes.stream().filter(route -> route.matches(method, path)).findFirst();
    }

    private static Stream<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> difference(Set<String> these, Set<String> those) {
        Set<String> rest = new TreeSet<>(these);
        rest.removeAll(those);
        return rest;
    }
}
