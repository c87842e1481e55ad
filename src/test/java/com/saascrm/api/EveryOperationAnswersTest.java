package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.security.throttle.LoginThrottleSettings;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The answers that every operation of a kind gives, for each operation of the served OpenAPI document: one that
 * asks for a login refuses a request without one (401) and one from a client that has failed too often (429); one
 * that answers with a body refuses an Accept header that allows none of it (406). None of them changes anything.
 * Raw HTTP on purpose: these are the requests a generated client does not send.
 */
class EveryOperationAnswersTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private LoginThrottleSettings limits;

    private TestAccount account;
    private List<Operation> operations;

    record Operation(HttpMethod method, String path, JsonNode description) {

        boolean answers(int status) {
            return description.path("responses").has(String.valueOf(status));
        }

        /** What the operation takes, if it takes a body: the first media type it names. */
        MediaType bodyType() {
            return description.path("requestBody").path("content").fieldNames().hasNext()
                    ? MediaType.parseMediaType(description
                            .path("requestBody")
                            .path("content")
                            .fieldNames()
                            .next())
                    : null;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void operationsOfTheDocument() throws IOException {
        account = accounts.paidAccount("en", PERIOD_END);
        operations = new ArrayList<>();
        JSON.readTree(rest.getForObject("/v3/api-docs", String.class))
                .path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(operation -> operations.add(new Operation(
                                HttpMethod.valueOf(operation.getKey().toUpperCase(Locale.ROOT)),
                                path.getKey(),
                                operation.getValue()))));
        assertThat(operations).hasSizeGreaterThan(20);
    }

    @Test
    void withoutALoginEachOperationThatAsksForOneIs401() {
        for (Operation operation : loggedIn()) {
            ResponseEntity<String> answer = send(operation, new HttpHeaders());
            assertProblem(operation, answer, 401);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .contains("Basic");
        }
        assertNothingChanged();
    }

    @Test
    void aClientThatFailedTooOftenIs429ForEachOperationThatAsksForALogin() {
        HttpHeaders guesser = new HttpHeaders();
        guesser.set("X-Forwarded-For", "198.19.25.1");
        guesser.setBasicAuth(account.admin(), "a-wrong-guess");
        for (int i = 0; i < limits.perClientAndLogin().failures(); i++) {
            assertThat(send(loggedIn().get(0), guesser).getStatusCode().value()).isEqualTo(401);
        }

        guesser.setBasicAuth(account.admin(), TestAccounts.PASSWORD);
        for (Operation operation : loggedIn()) {
            ResponseEntity<String> answer = send(operation, guesser);
            assertProblem(operation, answer, 429);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        }
        assertNothingChanged();
    }

    @Test
    void anAcceptHeaderThatAllowsNoneOfTheAnswerIs406ForEachOperationWithABody() {
        List<Operation> withBody =
                operations.stream().filter(operation -> operation.answers(406)).toList();
        assertThat(withBody).hasSizeGreaterThan(15);
        for (Operation operation : withBody) {
            HttpHeaders headers = new HttpHeaders();
            headers.setBasicAuth(account.admin(), TestAccounts.PASSWORD);
            headers.setAccept(List.of(MediaType.IMAGE_PNG));
            assertProblem(operation, send(operation, headers), 406);
        }
        assertNothingChanged();
    }

    private List<Operation> loggedIn() {
        List<Operation> loggedIn =
                operations.stream().filter(operation -> operation.answers(401)).toList();
        assertThat(loggedIn).hasSizeGreaterThan(15);
        return loggedIn;
    }

    /** The operation on this test's account, with a body of the type it takes, if it takes one. */
    private ResponseEntity<String> send(Operation operation, HttpHeaders headers) {
        HttpHeaders request = new HttpHeaders();
        request.addAll(headers);
        String body = null;
        if (operation.bodyType() != null) {
            request.setContentType(operation.bodyType());
            body = "{}";
        }
        return rest.exchange(pathOf(operation), operation.method(), new HttpEntity<>(body, request), String.class);
    }

    private String pathOf(Operation operation) {
        Map<String, String> values = Map.of(
                "accountId", account.id(), "login", account.user(), "holder", "search-index", "fromVersion", "1");
        Matcher variables = VARIABLE.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = values.get(variables.group(1));
            assertThat(value)
                    .as("a value for {%s} of %s", variables.group(1), operation)
                    .isNotNull();
            variables.appendReplacement(path, value);
        }
        return variables.appendTail(path).toString();
    }

    private static void assertProblem(Operation operation, ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value())
                .as("%s: %s", operation, answer.getBody())
                .isEqualTo(status);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("%s: %s", operation, answer.getHeaders().getContentType())
                .isTrue();
        assertThat(answer.getBody()).as(operation.toString()).contains("\"status\":" + status);
    }

    private void assertNothingChanged() {
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM account_membership WHERE account_id = ?", account.id()))
                .isEqualTo(3);
    }
}
