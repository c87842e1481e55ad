package com.saascrm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.TestAuthorizationServer;

/**
 * {@code /api} and engine-rest take bearer tokens of the company's OpenID Connect provider (a real one runs in the
 * test JVM): a valid token acts as its user, and no token, an expired one, one for another audience, from another
 * issuer or with an altered signature is 401 and starts nothing. The directory feed takes only tokens with its
 * scope.
 */
class BearerTokenTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");

    @DynamicPropertySource
    static void tokensFromTheProvider(DynamicPropertyRegistry properties) {
        properties.add(
                "cancellation.security.tokens.issuer-uri",
                () -> TestAuthorizationServer.shared().issuer());
        properties.add("cancellation.security.tokens.audience", () -> TestAuthorizationServer.AUDIENCE);
    }

    @Autowired
    private TestRestTemplate rest;

    private TestAuthorizationServer provider;
    private TestAccount account;

    @BeforeEach
    void accountAndProvider() {
        provider = TestAuthorizationServer.shared();
        account = accounts.paidAccount("en", PERIOD_END);
    }

    @Test
    void aValidTokenActsAsItsUserOnTheApiAndEngineRest() {
        String token = provider.userToken(account.admin(), List.of());

        assertThat(call(HttpMethod.POST, cancellation(), token).getStatusCode().value())
                .isEqualTo(201);
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isOne();
        ResponseEntity<String> tasks =
                call(HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + account.id(), token);
        assertThat(tasks.getStatusCode().value()).isEqualTo(200);
        assertThat(tasks.getBody()).contains("Task_ReviewAccountData");
    }

    @Test
    void theOpenApiDocumentOffersBearerTokensBesideHttpBasic() throws Exception {
        JsonNode document = new ObjectMapper().readTree(rest.getForObject("/v3/api-docs", String.class));

        assertThat(document.at("/components/securitySchemes/bearer/bearerFormat")
                        .asText())
                .isEqualTo("JWT");
        JsonNode start = document.at("/paths/~1api~1accounts~1{accountId}~1cancellation/post/security");
        assertThat(start).hasSize(2);
        assertThat(start.get(0).has("basic")).isTrue();
        assertThat(start.get(1).has("bearer")).isTrue();
        assertThat(document.at("/paths/~1api~1billing~1stripe~1webhook/post/security"))
                .as("a signed callback needs no login")
                .isEmpty();
    }

    @Test
    void staffGroupsComeFromTheTokenAndAccountGroupsDoNot() {
        String support = provider.userToken("sam-support", List.of(AccountGroups.SUPPORT));
        String pretender = provider.userToken(
                "mallory", List.of("account-admins-" + account.id(), AccountGroups.ALL_ACCOUNT_ADMINS));

        assertThat(call(HttpMethod.GET, cancellation(), support).getStatusCode().value())
                .isEqualTo(404);
        assertThat(call(HttpMethod.POST, cancellation(), pretender)
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .as("nothing started on the account the token claimed")
                .isZero();
        startAs(account.admin(), account.id());
        assertThat(call(HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + account.id(), pretender)
                        .getBody())
                .isEqualTo("[]");
    }

    @Test
    void badTokensAre401AndStartNothing() {
        Instant past = Instant.now().minus(2, ChronoUnit.HOURS);
        String valid = provider.userToken(account.admin(), List.of());
        Map<String, String> bad = Map.of(
                "expired",
                        provider.userToken(
                                account.admin(),
                                List.of(),
                                claims -> claims.issuedAt(past).expiresAt(past.plusSeconds(300))),
                "another audience",
                        provider.userToken(
                                account.admin(), List.of(), claims -> claims.audience(List.of("another-app"))),
                "another issuer",
                        provider.userToken(
                                account.admin(), List.of(), claims -> claims.issuer("http://127.0.0.1:1/evil")),
                "altered signature",
                        valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA"),
                "altered claims", alteredPayload(valid),
                "not a token", "not-a-token");

        assertThat(call(HttpMethod.POST, cancellation(), null).getStatusCode().value())
                .isEqualTo(401);
        bad.forEach((kind, token) -> {
            ResponseEntity<String> api = call(HttpMethod.POST, cancellation(), token);
            assertThat(api.getStatusCode().value()).as(kind).isEqualTo(401);
            assertThat(api.getHeaders().getFirst("WWW-Authenticate")).as(kind).contains("Bearer");
            assertThat(call(HttpMethod.GET, "/engine-rest/task", token)
                            .getStatusCode()
                            .value())
                    .as(kind)
                    .isEqualTo(401);
        });
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
    }

    @Test
    void theDirectoryFeedTakesOnlyTokensWithItsScope() {
        String feed = provider.clientToken(TestAuthorizationServer.FEED_CLIENT, "directory.write");
        String billing = provider.clientToken(TestAuthorizationServer.BILLING_CLIENT, "cancellation.read");
        String user = provider.userToken(account.admin(), List.of());
        Map<String, Object> entry = Map.of(
                "companyName", "Token Co",
                "locale", "en",
                "timeZone", "UTC",
                "trial", false,
                "plan", "ADVANCED",
                "currentPeriodEnd", PERIOD_END.toString(),
                "version", 1);
        String path = "/api/directory/accounts/token-co-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        assertThat(call(HttpMethod.PUT, path, user, entry).getStatusCode().value())
                .isEqualTo(403);
        assertThat(call(HttpMethod.PUT, path, billing, entry).getStatusCode().value())
                .isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM account WHERE company_name = 'Token Co'"))
                .isZero();
        assertThat(call(HttpMethod.PUT, path, feed, entry).getStatusCode().value())
                .isEqualTo(201);
        assertThat(call(HttpMethod.POST, cancellation(), feed).getStatusCode().value())
                .as("the feed is no admin of any account")
                .isEqualTo(403);
    }

    private String cancellation() {
        return "/api/accounts/" + account.id() + "/cancellation";
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token) {
        return call(method, path, token, null);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** The same signature over a payload that says another user. */
    private static String alteredPayload(String token) {
        String[] parts = token.split("\\.");
        String payload =
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String altered = payload.replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"someone-else\"");
        return parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
    }
}
