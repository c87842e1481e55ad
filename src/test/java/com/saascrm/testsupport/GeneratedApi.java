package com.saascrm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClientResponseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.api.client.CancellationApi;
import com.saascrm.api.client.DataPortabilityApi;
import com.saascrm.api.client.DirectoryFeedApi;
import com.saascrm.api.client.OperationsApi;
import com.saascrm.api.client.StatisticsApi;
import com.saascrm.api.client.invoker.ApiClient;
import com.saascrm.api.client.model.CancellationRefusedProblem;
import com.saascrm.api.client.model.Problem;

/**
 * The API as another team calls it: through the client that the build generates from {@code docs/api/openapi.json},
 * logged in as one user (or as nobody).
 */
public final class GeneratedApi {

    private static final ObjectMapper JSON = ApiClient.createDefaultMapper(null);

    private final ApiClient client = new ApiClient();

    /** On the application that {@code rest} calls. */
    public GeneratedApi(TestRestTemplate rest, String login, String password) {
        client.setBasePath(rest.getRootUri());
        if (login != null) {
            client.setUsername(login);
            client.setPassword(password);
        }
    }

    public CancellationApi cancellation() {
        return new CancellationApi(client);
    }

    public DataPortabilityApi portability() {
        return new DataPortabilityApi(client);
    }

    public DirectoryFeedApi directory() {
        return new DirectoryFeedApi(client);
    }

    public StatisticsApi statistics() {
        return new StatisticsApi(client);
    }

    public OperationsApi operations() {
        return new OperationsApi(client);
    }

    /** The problem that the call is answered with, after checking that it has the given status. */
    public static Problem problem(int status, ThrowingCallable call) {
        Problem problem = read(refusal(status, call), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getDetail()).isNotBlank();
        return problem;
    }

    /** A refused start's problem, with its reason and what goes with it. */
    public static CancellationRefusedProblem refusedStart(ThrowingCallable call) {
        CancellationRefusedProblem problem = read(refusal(409, call), CancellationRefusedProblem.class);
        assertThat(problem.getDetail()).isNotBlank();
        return problem;
    }

    /** The body of the refusal, which is a problem and gives nothing of the server's insides away. */
    private static String refusal(int status, ThrowingCallable call) {
        RestClientResponseException refused = catchThrowableOfType(RestClientResponseException.class, call);
        assertThat(refused).as("the call was refused").isNotNull();
        String body = refused.getResponseBodyAsString();
        assertThat(refused.getStatusCode().value()).as(body).isEqualTo(status);
        assertThat(refused.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as(String.valueOf(refused.getResponseHeaders().getContentType()))
                .isTrue();
        assertThat(body).doesNotContain("Exception").doesNotContain("SELECT").doesNotContain("at com.");
        return body;
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not a problem: " + body, e);
        }
    }
}
