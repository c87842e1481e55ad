package com.saascrm.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * What each request and answer of the API looks like, by the name of its schema ({@code openapi/examples.json}):
 * one file a reader can take in at once, which the linter checks against the schemas.
 */
@Component
class ApiExamples implements OpenApiCustomizer {

    private final Map<String, Object> examples;

    ApiExamples() {
        try (InputStream in = ApiExamples.class.getResourceAsStream("/openapi/examples.json")) {
            examples = new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        examples.forEach((schema, example) -> Optional.ofNullable(
                        openApi.getComponents().getSchemas().get(schema))
                .orElseThrow(() -> new IllegalStateException("An example of " + schema + ", which is no schema"))
                .setExample(example));
    }
}
