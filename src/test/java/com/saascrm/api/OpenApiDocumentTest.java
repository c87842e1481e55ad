package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.saascrm.testsupport.ProcessTestBase;

/**
 * The OpenAPI document that the application serves is the one in {@code docs/api/openapi.json}, from which the
 * build generates the tests' client: a change of the API that changes the contract shows in that file's diff.
 * After a deliberate change, {@code -Dopenapi.write=true} writes the file anew (README, The API's contract).
 */
class OpenApiDocumentTest extends ProcessTestBase {

    static final Path CONTRACT = Path.of("docs", "api", "openapi.json");
    /**
     * The server the committed document names, whatever port a test runs on: an installation serves its own public
     * address ({@code cancellation.mail.app-url}).
     */
    private static final String PUBLIC_ADDRESS = "https://crm.example";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Autowired
    private TestRestTemplate rest;

    @LocalServerPort
    private int port;

    @Test
    void theServedDocumentIsTheCommittedContract() throws IOException {
        String served =
                rest.getForObject("/v3/api-docs", String.class).replace("http://localhost:" + port, PUBLIC_ADDRESS);
        String document = JSON.writeValueAsString(JSON.readTree(served)) + "\n";

        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CONTRACT, document, StandardCharsets.UTF_8);
        }
        assertThat(document)
                .as(
                        "the served document differs from %s: if the change is meant, run"
                                + " ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true and commit the file",
                        CONTRACT)
                .isEqualTo(Files.readString(CONTRACT, StandardCharsets.UTF_8));
    }

    @Test
    void everyBodyOfARequestOrASuccessHasAnExample() throws IOException {
        JsonNode document = JSON.readTree(Files.readString(CONTRACT, StandardCharsets.UTF_8));
        List<String> bodies = new ArrayList<>();
        document.path("paths")
                .forEach(path -> path.forEach(operation -> {
                    operation
                            .at("/requestBody/content")
                            .forEach(content ->
                                    bodies.add(content.at("/schema/$ref").asText()));
                    operation.path("responses").fields().forEachRemaining(response -> {
                        if (response.getKey().startsWith("2")) {
                            response.getValue()
                                    .path("content")
                                    .forEach(content -> bodies.add(content.at("/schema/$ref")
                                            .asText(content.at("/schema/items/$ref")
                                                    .asText())));
                        }
                    });
                }));

        List<String> schemas = bodies.stream()
                .filter(ref -> !ref.isEmpty())
                .map(ref -> ref.substring(ref.lastIndexOf('/') + 1))
                .distinct()
                .toList();
        assertThat(schemas).hasSizeGreaterThan(10);
        assertThat(schemas)
                .allSatisfy(schema -> assertThat(document.at("/components/schemas/" + schema + "/example")
                                .isObject())
                        .as("an example of " + schema)
                        .isTrue());
    }

    @Test
    void everyOperationDeclaresItsErrorsAndHowToLogIn() throws IOException {
        JsonNode document = JSON.readTree(rest.getForObject("/v3/api-docs", String.class));

        assertThat(document.at("/servers/0/url").asText()).isEqualTo("http://localhost:" + port);
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/bearer").isMissingNode())
                .as("no bearer tokens where no provider is configured")
                .isTrue();
        JsonNode start = document.at("/paths/~1api~1accounts~1{accountId}~1cancellation/post");
        assertThat(start.at("/responses/409/$ref").asText()).isEqualTo("#/components/responses/StartRefused");
        assertThat(start.at("/security/0/basic").isArray()).isTrue();
        assertThat(document.at("/components/schemas/CancellationRefusedProblem/allOf/1/properties")
                        .fieldNames())
                .toIterable()
                .contains("reason", "trialGuide", "runningRequest");
        assertThat(document.at("/paths/~1api~1billing~1stripe~1webhook/post/security"))
                .as("a signed callback needs no login")
                .isEmpty();
        assertThat(rest.getForObject(document.at("/info/license/url").asText(), String.class))
                .contains("proprietary");
        assertThat(rest.getForEntity("/swagger-ui/index.html", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }
}
