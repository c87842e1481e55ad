package com.saascrm.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls the API and engine-rest over HTTP as one login, and reads the JSON answers. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate rest;

    ApiClient(TestRestTemplate rest, String login, String password) {
        this.rest = login == null ? rest : rest.withBasicAuth(login, password);
    }

    Answer get(String path) {
        return exchange(HttpMethod.GET, path, null, null);
    }

    Answer post(String path) {
        return exchange(HttpMethod.POST, path, null, null);
    }

    Answer postJson(String path, Object body) {
        return exchange(HttpMethod.POST, path, body, MediaType.APPLICATION_JSON);
    }

    Answer delete(String path) {
        return exchange(HttpMethod.DELETE, path, null, null);
    }

    Answer exchange(HttpMethod method, String path, Object body, MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        if (contentType != null) {
            headers.setContentType(contentType);
        }
        Object payload = body instanceof Map<?, ?> ? toJson(body) : body;
        ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(payload, headers), String.class);
        return new Answer(response);
    }

    /** Variables as engine-rest takes them: each value wrapped as {@code {"value": ...}}. */
    static Map<String, Object> typedVariables(Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        return typed;
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Answer(ResponseEntity<String> response) {

        int status() {
            return response.getStatusCode().value();
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.getBody());
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + response.getBody(), e);
            }
        }

        String text(String field) {
            return json().path(field).asText(null);
        }

        MediaType contentType() {
            return response.getHeaders().getContentType();
        }

        String header(String name) {
            return response.getHeaders().getFirst(name);
        }
    }
}
