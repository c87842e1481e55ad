package com.saascrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.StaffIdentities;
import com.saascrm.security.identity.PasswordLogins;
import com.saascrm.testsupport.Cancellations;

/**
 * B7: the CRM's first load of 100,000 accounts with 300,000 users through the directory feed's bulk endpoint (time
 * and heap), and what an account admin's requests cost before and after it: the Tasklist task list (the
 * cancellation filter's list, through engine-rest as Tasklist asks it) and the API's status of a cancellation,
 * median of many, at 1,000 accounts and at 100,000. Their ratio says whether a request's cost grows with the number
 * of customers (target: at most 1.2).
 */
class DirectoryScaleBenchmark {

    private static final int SMALL = Integer.getInteger("bench.b7.small", 1_000);
    private static final int LARGE = Integer.getInteger("bench.b7.large", 100_000);
    private static final int REQUESTS = Integer.getInteger("bench.b7.requests", 300);
    /** Untimed requests first, so that the baseline at 1,000 accounts is not also the JIT's warm-up. */
    private static final int WARM_UP = Integer.getInteger("bench.b7.warm-up", 1_000);

    private static final int OPEN_CANCELLATIONS = 20;
    private static final String PASSWORD = "bench-password";
    private static final Instant PERIOD_END = Instant.parse("2031-01-31T23:59:59Z");

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void requestsCostTheSameWithAHundredTimesTheAccounts() throws Exception {
        try (BenchApp.Running app = BenchApp.startWithMail("b7", true, false)) {
            ProcessEngine engine = app.bean(ProcessEngine.class);
            String base = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) app.context())
                            .getWebServer()
                            .getPort();
            app.bean(StaffIdentities.class)
                    .ensureStaffMember(
                            "bench-feed", "Feed", "feed@crm.example", AccountGroups.DIRECTORY_FEED, PASSWORD);

            Measurement.Result smallLoad = load(base, 1, SMALL);
            String admin = accountId(1) + "-admin";
            for (int i = 1; i <= OPEN_CANCELLATIONS; i++) {
                Cancellations.startAs(engine, accountId(i) + "-admin", accountId(i));
            }
            app.bean(PasswordLogins.class).grantIfMissing(admin, PASSWORD);
            String taskList =
                    base + "/engine-rest/filter/" + cancellationFilter(engine) + "/list?firstResult=0&maxResults=15";
            String status = base + "/api/accounts/" + accountId(1) + "/cancellation";
            List<Supplier<HttpResponse<String>>> requests =
                    List.of(() -> post(taskList, admin), () -> get(status, admin));
            List<Duration> small = mediansOf(requests);
            long smallAuthorizations = authorizationRows(app);

            Measurement.Result largeLoad = load(base, SMALL + 1, LARGE);
            List<Duration> large = mediansOf(requests);
            long largeAuthorizations = authorizationRows(app);

            BenchApp.report(String.format(
                    Locale.ROOT,
                    """
                    | B7 first load through the bulk endpoint (%s) | time | accounts/s | heap: peak / after GC |
                    |---|---|---|---|
                    | %,d accounts, %,d users | %.1f s | %,.0f | %s |
                    | then %,d accounts, %,d users more | %.1f s | %,.0f | %s |

                    | B7 an account admin's request, median of %d after %d untimed (%s) | %,d accounts | %,d accounts | ratio (target <= 1.2) |
                    |---|---|---|---|
                    | Tasklist task list (cancellation filter, 15 tasks) | %.2f ms | %.2f ms | %.2f |
                    | API status of a cancellation | %.2f ms | %.2f ms | %.2f |
                    | rows in Camunda's authorization table (read by every check) | %,d | %,d | |
                    """,
                    BenchApp.database(),
                    SMALL,
                    3 * SMALL,
                    seconds(smallLoad),
                    SMALL / seconds(smallLoad),
                    smallLoad.heap(),
                    LARGE - SMALL,
                    3 * (LARGE - SMALL),
                    seconds(largeLoad),
                    (LARGE - SMALL) / seconds(largeLoad),
                    largeLoad.heap(),
                    REQUESTS,
                    WARM_UP,
                    BenchApp.database(),
                    SMALL,
                    LARGE,
                    millis(small.get(0)),
                    millis(large.get(0)),
                    millis(large.get(0)) / millis(small.get(0)),
                    millis(small.get(1)),
                    millis(large.get(1)),
                    millis(large.get(1)) / millis(small.get(1)),
                    smallAuthorizations,
                    largeAuthorizations));
        }
    }

    /** Accounts {@code first} to {@code last}, each with an admin, another admin and a user, in one bulk request. */
    private Measurement.Result load(String base, int first, int last) {
        return Measurement.measure(
                String.format(Locale.ROOT, "load of %,d accounts", last - first + 1), 1, () -> {}, () -> {
                    HttpResponse<String> answer =
                            send(HttpRequest.newBuilder(URI.create(base + "/api/directory/accounts"))
                                    .header("Authorization", basic("bench-feed"))
                                    .header("Content-Type", "application/x-ndjson")
                                    .timeout(Duration.ofHours(1))
                                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines(first, last))));
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    assertThat(answer.body()).contains("\"refused\":0");
                    return last - first + 1;
                });
    }

    /** The NDJSON stream, made line by line as the request sends it, so that the client holds one line at a time. */
    private static InputStream lines(int first, int last) {
        return new SequenceInputStream(new Enumeration<InputStream>() {
            private int next = first;

            @Override
            public boolean hasMoreElements() {
                return next <= last;
            }

            @Override
            public InputStream nextElement() {
                if (next > last) {
                    throw new NoSuchElementException();
                }
                return new ByteArrayInputStream(line(next++).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private static String line(int number) {
        String id = accountId(number);
        return ("{\"id\":\"%1$s\",\"account\":{\"companyName\":\"Company %1$s\",\"locale\":\"en\",\"timeZone\":\"UTC\","
                        + "\"trial\":false,\"plan\":\"ADVANCED\",\"currentPeriodEnd\":\"%2$s\",\"version\":1},\"users\":{"
                        + "\"%1$s-admin\":{\"name\":\"Admin\",\"email\":\"admin@%1$s.example\",\"settingsAccess\":true,\"version\":1},"
                        + "\"%1$s-admin2\":{\"name\":\"Admin 2\",\"email\":\"admin2@%1$s.example\",\"settingsAccess\":true,\"version\":1},"
                        + "\"%1$s-user\":{\"name\":\"User\",\"email\":\"user@%1$s.example\",\"settingsAccess\":false,\"version\":1}}}\n")
                .formatted(id, PERIOD_END);
    }

    private static String accountId(int number) {
        return "b7-" + number;
    }

    /**
     * The median time of each request, taken in turns (one of each, then again), so that both meet the same state of
     * the JVM and the database; after untimed rounds.
     */
    private static List<Duration> mediansOf(List<Supplier<HttpResponse<String>>> requests) {
        for (int i = 0; i < WARM_UP; i++) {
            requests.forEach(request -> assertThat(request.get().statusCode()).isEqualTo(200));
        }
        List<List<Duration>> times = requests.stream()
                .map(request -> (List<Duration>) new ArrayList<Duration>())
                .toList();
        for (int i = 0; i < REQUESTS; i++) {
            for (int r = 0; r < requests.size(); r++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = requests.get(r).get();
                times.get(r).add(Duration.ofNanos(System.nanoTime() - start));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
        }
        return times.stream()
                .map(list -> {
                    List<Duration> sorted = new ArrayList<>(list);
                    Collections.sort(sorted);
                    return sorted.get(sorted.size() / 2);
                })
                .toList();
    }

    private static long authorizationRows(BenchApp.Running app) {
        return app.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION")
                .query(Long.class)
                .single();
    }

    private static HttpResponse<String> post(String url, String login) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(login))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static HttpResponse<String> get(String url, String login) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic(login))
                .GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String cancellationFilter(ProcessEngine engine) {
        FilterService filters = engine.getFilterService();
        return filters.createFilterQuery()
                .filterName("Cancellation tasks")
                .singleResult()
                .getId();
    }

    private static double seconds(Measurement.Result result) {
        return result.median().toMillis() / 1000.0;
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
