package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Malformed requests to the API, sent byte for byte over a socket: each gets a 4xx problem body that says what is
 * wrong, whether Jackson, Spring MVC, Spring Security's firewall or Tomcat itself refuses it, and none changes
 * anything. {@code {id}} in a target stands for the test account's id, so that a trick that got through would
 * start its cancellation.
 */
class ApiMalformedRequestTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final String URL_REFUSED = "The URL is not allowed";
    private static final String LOG_IN = "Log in with HTTP Basic";

    @LocalServerPort
    private int port;

    @Autowired
    private HistoryService historyService;

    private TestAccount account;
    private long instancesBefore;

    @BeforeEach
    void account() {
        account = accounts.paidAccount("en", PERIOD_END);
        instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
    }

    @Test
    void aDuplicateJsonFieldIs400NamingTheField() {
        RawHttp.Answer answer =
                admin().postJson(cancellation(), "{\"channel\":\"BILLING_PAGE\",\"channel\":\"OTHER\"}");

        assertProblem(answer, 400, "The JSON body has the field 'channel' more than once");
        assertNothingChanged();
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("{\"channel\": ", "The JSON body ends before it is complete"),
                Arguments.of("{channel: \"OTHER\"}", "The request body is not valid JSON (line 1, column 2)"),
                Arguments.of("{\"channel\": \"OTHER\"} x", "The request body is not valid JSON (line 1, column 23)"),
                Arguments.of("{\"channel\": \"OTHER\"} {}", "The JSON body has more after its object"),
                Arguments.of("[]", "The JSON body must be an object"),
                Arguments.of("\"OTHER\"", "The JSON body must be an object"),
                Arguments.of("{\"channel\": {}}", "channel has a value of the wrong type"),
                Arguments.of(
                        "{\"channel\": \"BY_PIGEON\"}", "channel must be one of BILLING_PAGE, SUPPORT_TOOL, OTHER"),
                Arguments.of("{\"channel\": 7}", "channel must be one of BILLING_PAGE, SUPPORT_TOOL, OTHER"),
                Arguments.of("{\"other\": 1, \"other\": 2}", "The JSON body has the field 'other' more than once"));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void everyOtherMalformedBodyIs400SayingWhatIsWrong(String body, String detail) {
        assertProblem(admin().postJson(cancellation(), body), 400, detail);
        assertNothingChanged();
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        byte[] latin1 = "{\"channel\": \"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertProblem(admin().postJson(cancellation(), latin1), 400, "The request body is not valid JSON");
        assertNothingChanged();
    }

    /** The four URLs found in review, then their kin on the test account and on every other endpoint. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/accounts/acme..%2f/cancellation",
                "/api/accounts/ac%00me/cancellation",
                "/api/accounts/acme;x=1/cancellation",
                "/api/accounts/%ff/cancellation",
                "/api/accounts/{id}..%2f/cancellation",
                "/api/accounts/{id}%00/cancellation",
                "/api/accounts/{id};x=1/cancellation",
                "/api/accounts/{id}/cancellation;x=1",
                "/api/accounts/{id}%2fcancellation",
                "/api/accounts/{id}%5ccancellation",
                "/api/accounts/{id}/cancellation%2fwithdrawal",
                "/api/accounts/{id}/cancellation/withdrawal%00",
                "/api/accounts/{id}/reopening;x=1",
                "/api/accounts/{id}/cancellation/confirmation-email%ff",
                "/api/accounts/{id}/export;jsessionid=x",
                "/api/accounts/{id}/import%2f",
                "/api/accounts/x/../{id}/cancellation",
                "/api/accounts/{id}/%2e%2e/{id}/cancellation",
                "/api/accounts/{id}//cancellation",
                "//api/accounts/{id}/cancellation",
                "/api;x=1/accounts/{id}/cancellation",
                "/api/accounts/%c0%ae/cancellation",
                "/api/statistics/cancellation-reasons;x=1",
                "/api/statistics%2fcancellation-reasons"
            })
    void encodedPathTricksAre400AndChangeNothing(String target) {
        String url = target.replace("{id}", account.id());

        assertProblem(admin().postJson(url, "{\"channel\": \"OTHER\"}"), 400, URL_REFUSED);
        assertProblem(admin().get(url), 400, URL_REFUSED);
        assertProblem(anonymous().post(url), 400, URL_REFUSED);
        assertNothingChanged();
    }

    /** Characters outside RFC 3986 leave Tomcat no request URI at all; the answer is still a problem. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/accounts/{id}|x/cancellation",
                "/api/accounts/{id}/cancellation?a|b",
                "/api/accounts/{id}\u00e9/cancellation",
                "/api/accounts/{id}/cancellation#x"
            })
    void aRequestLineTomcatCannotReadIs400(String target) {
        assertProblem(
                admin().postJson(target.replace("{id}", account.id()), "{}"), 400, "The request line cannot be read");
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.7"})
    void anHttpVersionTomcatDoesNotSpeakIs400(String version) {
        assertProblem(admin().sendLine("POST " + cancellation() + " " + version, null), 400, "use HTTP/1.1");
        assertNothingChanged();
    }

    @Test
    void theWebAppsKeepTomcatsOwnErrorPage() {
        RawHttp.Answer answer = anonymous().get("/camunda/app/..%2f");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void aMethodTheResourceDoesNotTakeIs405NamingTheAllowedOnes() {
        RawHttp.Answer put = admin().send("PUT", cancellation());

        assertProblem(put, 405, "Method 'PUT' is not supported");
        assertThat(put.header("Allow")).contains("GET", "POST", "DELETE");
        assertProblem(admin().send("PATCH", cancellation()), 405, "Method 'PATCH' is not supported");
        assertProblem(
                admin().send("DELETE", "/api/statistics/cancellation-reasons"),
                405,
                "Method 'DELETE' is not supported");
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "BREW"})
    void aMethodTheApiDoesNotKnowIs400(String method) {
        assertProblem(admin().send(method, cancellation()), 400, "The HTTP method is not allowed");
        assertNothingChanged();
    }

    @Test
    void anUnknownPathUnderTheApiIs404() {
        assertProblem(admin().get("/api/nothing-here"), 404, "The API has no such endpoint");
        assertProblem(
                admin().post("/api/accounts/" + account.id() + "/cancelation"), 404, "The API has no such endpoint");
        assertProblem(admin().get("/api"), 404, "The API has no such endpoint");
        assertProblem(anonymous().get("/api/nothing-here"), 401, LOG_IN);
        assertNothingChanged();
    }

    @Test
    void anAcceptHeaderTheApiCannotAnswerIs406BeforeTheCommandRuns() {
        assertProblem(
                admin().header("Accept", "image/png").postJson(cancellation(), "{}"),
                406,
                "Acceptable representations");
        assertProblem(admin().header("Accept", "text/html").get(cancellation()), 406, "Acceptable representations");
        assertProblem(
                admin().header("Accept", "text/html").post(cancellation() + "/withdrawal"),
                406,
                "Acceptable representations");
        assertProblem(
                admin().header("Accept", "garbage;;;=").postJson(cancellation(), "{}"),
                406,
                "The Accept header cannot be read");
        assertProblem(
                admin().header("Accept", String.join(",", Collections.nCopies(60, "application/json")))
                        .postJson(cancellation(), "{}"),
                406,
                "The Accept header cannot be read");
        assertNothingChanged();
    }

    @Test
    void aContentTypeTheApiCannotReadIs415() {
        for (String contentType : new String[] {
            "text/plain", "application/json; charset=no-such-charset", "%%%", "application/xml; x=" + "a".repeat(6_000)
        }) {
            assertProblem(admin().header("Content-Type", contentType).postJson(cancellation(), "{}"), 415, null);
        }
        assertNothingChanged();
    }

    @Test
    void aBodyOverTheLimitIs413AlsoWhenItComesInChunks() {
        byte[] body = ("{\"channel\": \"" + "a".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertProblem(admin().postChunkedJson(cancellation(), body), 413, "larger than 16384 bytes");
        assertNothingChanged();
    }

    @Test
    void malformedOrHugeHeadersAre400() {
        assertProblem(
                admin().header("Content-Type", "application/json; x=" + "a".repeat(20_000))
                        .postJson(cancellation(), "{}"),
                400,
                "A request header is malformed, or the headers are too large");
        assertProblem(
                admin().header("X-Note", "a\u0001b").postJson(cancellation(), "{}"),
                400,
                "A request header is malformed");
        assertProblem(
                admin().header("X-Note\u0001", "a").postJson(cancellation(), "{}"),
                400,
                "A request header is malformed");
        assertProblem(
                admin().header("Content-Length", "many").sendLine("POST " + cancellation() + " HTTP/1.1", null),
                400,
                "A request header is malformed");
        assertProblem(
                admin().header("Transfer-Encoding", "gzip").sendLine("POST " + cancellation() + " HTTP/1.1", null),
                400,
                "a Transfer-Encoding other than chunked");
        assertProblem(
                admin().header("Expect", "a-miracle").sendLine("POST " + cancellation() + " HTTP/1.1", null),
                417,
                null);
        assertProblem(admin().header("X-Note", "a\u0085b").postJson(cancellation(), "{}"), 400, "A request header");
        assertProblem(
                admin().header("Accept", "application/json\u0085").postJson(cancellation(), "{}"),
                400,
                "A request header");
        // The login throttle reads the credentials before anything else does.
        assertProblem(
                anonymous().header("Authorization", "Basic \u0085").postJson(cancellation(), "{}"),
                401,
                "The Basic credentials cannot be read");
        assertNothingChanged();
    }

    @Test
    void anInvalidBasicHeaderIs401() {
        String noColon = Base64.getEncoder().encodeToString(account.admin().getBytes(StandardCharsets.UTF_8));
        for (String authorization : new String[] {
            "Basic !!!",
            "Basic not-base64",
            "Basic " + noColon,
            "Basic",
            "Basic ",
            "Basic " + "QUFB".repeat(1_000),
            "Bearer " + noColon,
            "basic"
        }) {
            // Unreadable Basic credentials are refused by the login throttle, anything else by the API's login.
            assertProblem(
                    anonymous().header("Authorization", authorization).postJson(cancellation(), "{}"), 401, "Basic");
        }
        assertNothingChanged();
    }

    private RawHttp admin() {
        return RawHttp.to(port).basic(account.admin(), TestAccounts.PASSWORD);
    }

    private RawHttp anonymous() {
        return RawHttp.to(port);
    }

    private String cancellation() {
        return "/api/accounts/" + account.id() + "/cancellation";
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).isNotNull();
        assertThat(MediaType.parseMediaType(answer.header("Content-Type"))
                        .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(answer.toString())
                .isTrue();
        assertThat(answer.json().path("status").asInt()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().path("detail").asText()).as(answer.toString()).isNotBlank();
        if (detail != null) {
            assertThat(answer.json().path("detail").asText())
                    .as(answer.toString())
                    .contains(detail);
        }
        assertThat(answer.body())
                .doesNotContain("Exception", "com.saascrm", "com.fasterxml", "org.", "at com.", "<html");
    }

    private void assertNothingChanged() {
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
    }
}
