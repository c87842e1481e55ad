package com.saascrm.security.throttle;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/**
 * A stranger who knows a login can neither keep its owner out nor guess fast, on each of the three ways in: the
 * API, engine-rest and the web apps' login form. Clients are told apart by {@code X-Forwarded-For}: the tests'
 * loopback peer is a trusted proxy in the test profile. Time is moved on the application's clock, never waited for.
 */
class LoginAbuseTest extends ProcessTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each test's clients are new to the throttle, which lives as long as the shared application. */
    private static final AtomicInteger clientSequence = new AtomicInteger();

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private LoginThrottleSettings limits;

    @LocalServerPort
    private int port;

    private TestAccount account;
    private String owner;
    private Instant start;

    enum Route {
        API,
        ENGINE_REST,
        WEB_APPS
    }

    @BeforeEach
    void ownerWithAWizardTask() {
        account = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));
        owner = account.admin();
        startAs(owner, account.id());
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        setClock(start);
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void oneWrongPasswordPerSecondForAMinuteNeitherKeepsTheOwnerOutNorGoesOnBeingChecked(Route route) throws Exception {
        String guesser = newClient();
        String ownersClient = newClient();
        List<Answer> guesses = new ArrayList<>();

        for (int second = 0; second < 60; second++) {
            setClock(start.plusSeconds(second));
            guesses.add(login(route, guesser, owner, "guess-" + second));
            Answer own = login(route, ownersClient, owner, TestAccounts.PASSWORD);
            assertThat(own.loggedIn())
                    .as("the owner at second %d: %s", second, own)
                    .isTrue();
        }

        int checked = limits.perClientAndLogin().failures();
        long secondsPerFailure = limits.perClientAndLogin().interval().toSeconds();
        assertThat(guesses.subList(0, checked)).allSatisfy(guess -> {
            assertThat(guess.status()).isEqualTo(401);
            assertThat(guess.retryAfter()).isNull();
        });
        for (int second = checked; second < 60; second++) {
            Answer refused = guesses.get(second);
            // The allowance refills evenly from the first failure on: one more guess every secondsPerFailure.
            long retryAfter = secondsPerFailure - second;
            assertThat(refused.status()).as("second %d", second).isEqualTo(429);
            assertThat(refused.retryAfter()).isEqualTo(Long.toString(retryAfter));
            assertThat(refused.message())
                    .isEqualTo("Too many failed logins from this client, retry after " + retryAfter + " s");
            assertFormatOf(route, refused, "TooManyFailedLogins");
        }
    }

    @Test
    void theThreeWaysInShareOneCount() throws Exception {
        String guesser = newClient();
        Route[] routes = Route.values();
        for (int i = 0; i < limits.perClientAndLogin().failures(); i++) {
            assertThat(login(routes[i % routes.length], guesser, owner, "guess-" + i)
                            .status())
                    .isEqualTo(401);
        }

        for (Route route : routes) {
            Answer refused = login(route, guesser, owner, TestAccounts.PASSWORD);
            assertThat(refused.status()).as(route.name()).isEqualTo(429);
            assertThat(refused.retryAfter()).isNotNull();
        }
        assertThat(login(Route.API, newClient(), owner, TestAccounts.PASSWORD).loggedIn())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void whereTheLoginItselfIsLockedTheOwnerIsToldHowLongAndStillGetsInWhereHeLoggedInBefore(Route route)
            throws Exception {
        String ownersUsualClient = newClient();
        assertThat(login(route, ownersUsualClient, owner, TestAccounts.PASSWORD).loggedIn())
                .isTrue();

        // Guessing from many addresses, each within its own limit, until the login's limit is reached: more failures
        // than Camunda's own lock took before it locked the login for good.
        int perAddress = limits.perClientAndLogin().failures();
        for (int failures = 0; failures < limits.perLogin().failures(); failures += perAddress) {
            String attacker = newClient();
            for (int i = 0; i < perAddress; i++) {
                assertThat(login(route, attacker, owner, "guess-" + i).status()).isEqualTo(401);
            }
        }

        String ownersNewClient = newClient();
        Answer locked = login(route, ownersNewClient, owner, TestAccounts.PASSWORD);
        long retryAfter = limits.perLogin().interval().toSeconds();
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.retryAfter()).isEqualTo(Long.toString(retryAfter));
        assertThat(locked.message()).startsWith("Login '" + owner + "' is locked, retry after " + retryAfter + " s");
        assertFormatOf(route, locked, "LoginLocked");
        assertThat(login(route, newClient(), owner, "another-guess").message()).isEqualTo(locked.message());
        assertThat(login(route, ownersUsualClient, owner, TestAccounts.PASSWORD).loggedIn())
                .isTrue();

        setClock(start.plusSeconds(retryAfter));
        assertThat(login(route, ownersNewClient, owner, TestAccounts.PASSWORD).loggedIn())
                .isTrue();
    }

    @Test
    void forwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() throws Exception {
        InetAddress untrustedPeer = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBind(untrustedPeer), "127.0.0.2 is not a local address here (it is on Linux)");

        for (int i = 0; i < limits.perClientAndLogin().failures(); i++) {
            assertThat(rawApiCall(untrustedPeer, "guess-" + i, newClient())).startsWith("HTTP/1.1 401");
        }
        // A new address in X-Forwarded-For every time made no new client: the peer is not a proxy of ours.
        String refused = rawApiCall(untrustedPeer, TestAccounts.PASSWORD, newClient());

        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ");
        assertThat(login(Route.API, newClient(), owner, TestAccounts.PASSWORD).loggedIn())
                .isTrue();
    }

    @Test
    void basicCredentialsThatCannotBeReadAreRefusedBeforeAnyPasswordCheck() {
        HttpHeaders headers = new HttpHeaders();
        // Camunda's lenient decoder would skip the '!' and check alice's password; the throttle refuses it.
        headers.set(HttpHeaders.AUTHORIZATION, "Basic " + base64(owner + ":guess") + "!");

        ResponseEntity<String> engineRest =
                rest.exchange("/engine-rest/task", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        ResponseEntity<String> api =
                rest.exchange(cancellationPath(), HttpMethod.GET, new HttpEntity<>(headers), String.class);

        assertThat(engineRest.getStatusCode().value()).isEqualTo(401);
        assertThat(engineRest.getBody()).contains("The Basic credentials cannot be read");
        assertThat(api.getStatusCode().value()).isEqualTo(401);
        assertThat(api.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
    }

    private Answer login(Route route, String client, String login, String password) throws Exception {
        return switch (route) {
            case API -> basic(cancellationPath(), client, login, password, "detail", true);
            case ENGINE_REST ->
                basic(
                        "/engine-rest/task?processInstanceBusinessKey=" + account.id(),
                        client,
                        login,
                        password,
                        "message",
                        false);
            case WEB_APPS -> webapps(client, login, password);
        };
    }

    private Answer basic(String path, String client, String login, String password, String messageField, boolean api) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", client);
        ResponseEntity<String> response = rest.withBasicAuth(login, password)
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        int status = response.getStatusCode().value();
        String body = response.getBody();
        boolean loggedIn =
                status == 200 && (api ? body.contains("IN_PROGRESS") : body.contains(TASK_REVIEW_ACCOUNT_DATA));
        return new Answer(
                status,
                response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                body,
                messageField,
                loggedIn);
    }

    /** Logged in means the session then reads the owner's task through the web apps' own API. */
    private Answer webapps(String client, String login, String password) throws Exception {
        WebappSession tasklist = new WebappSession(port, processEngine.getName()).forwardedFor(client);
        HttpResponse<String> response = tasklist.loginResponse("tasklist", login, password);
        boolean loggedIn = response.statusCode() == 200
                && tasklist.get(tasklist.engineApi("/task?processInstanceBusinessKey=" + account.id()))
                        .body()
                        .contains(TASK_REVIEW_ACCOUNT_DATA);
        return new Answer(
                response.statusCode(),
                response.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null),
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null),
                response.body(),
                "message",
                loggedIn);
    }

    private static void assertFormatOf(Route route, Answer answer, String camundaType) {
        if (route == Route.API) {
            assertThat(MediaType.parseMediaType(answer.contentType())
                            .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as(answer.contentType())
                    .isTrue();
            assertThat(answer.json().path("status").asInt()).isEqualTo(answer.status());
        } else {
            assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
            assertThat(answer.json().path("type").asText()).isEqualTo(camundaType);
        }
    }

    /** A GET of the API as HTTP/1.1 from {@code peer}; the status line and headers. */
    private String rawApiCall(InetAddress peer, String password, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(peer, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + cancellationPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Basic " + base64(owner + ":" + password) + "\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        }
    }

    private static boolean canBind(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException notLocal) {
            return false;
        }
    }

    private String cancellationPath() {
        return "/api/accounts/" + account.id() + "/cancellation";
    }

    /** An address of the range for network tests, new to the throttle. */
    private static String newClient() {
        int n = clientSequence.incrementAndGet();
        return "198.18." + (n / 256 % 256) + "." + (n % 256);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private record Answer(
            int status, String retryAfter, String contentType, String body, String messageField, boolean loggedIn) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        String message() {
            return json().path(messageField).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
