package com.saascrm.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code ops/} name only metrics the application exposes:
 * a renamed meter fails here, not on the night the alert should have fired.
 */
class OperationsDashboardTest extends ProcessTestBase {

    private static final Path DASHBOARD = Path.of("ops/grafana/account-cancellation.json");
    private static final Path ALERTS = Path.of("ops/prometheus/account-cancellation-alerts.yaml");
    /** Written by Prometheus itself for each target it scrapes. */
    private static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> PROMQL_WORDS = Set.of(
            "by",
            "without",
            "and",
            "or",
            "unless",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private ProcessStateGauges gauges;

    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsInTheScrape() throws IOException {
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        List<String> alerts = alertExpressions();
        assertThat(expressions).hasSizeGreaterThan(15);
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
        expressions.addAll(alerts);

        Set<String> named = new TreeSet<>();
        expressions.forEach(expression -> named.addAll(metricNames(expression)));
        named.removeAll(WRITTEN_BY_PROMETHEUS);

        Set<String> scraped = scrapeWithAnIncidentAndAnApiCall().names();
        assertThat(named)
                .contains(
                        "cancellation_requests_started_total",
                        "cancellation_incidents_oldest_age_seconds",
                        "cancellation_mails_total",
                        "cancellation_history_sweep_lag_seconds",
                        "cancellation_timers_overdue");
        assertThat(scraped).containsAll(named);
    }

    @Test
    void theNameReaderFindsMetricsAndNothingElse() {
        assertThat(
                        metricNames(
                                "histogram_quantile(0.95, sum by (le, step) (rate(a_bucket{result=\"completed\", instance=~\"$instance\"}[1h])))"))
                .containsExactly("a_bucket");
        assertThat(metricNames("max(b{x=\"y\"}) > 0 and deriv(max(b)[30m:1m]) > 0"))
                .containsExactly("b");
        assertThat(metricNames("sum(rate(c_total[$__rate_interval])) / ignoring (result) sum(d_total) offset 5m"))
                .containsExactlyInAnyOrder("c_total", "d_total");
        assertThat(metricNames("label_values(e_total{application=\"x\"}, instance)"))
                .containsExactly("e_total");
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            if (text.startsWith("label_values(")) {
                expressions.add(text);
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        return expressions;
    }

    /** The metric names of a PromQL expression: what is left once strings, matchers, ranges and groupings are out. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        String bare = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?[smhdwy]?\\b", " ");
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String word = identifier.group(1);
            if (!PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** Some series exist only once there is something to count: an open incident, a request to the API. */
    private Scrape scrapeWithAnIncidentAndAnApiCall() {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2031-05-31T23:59:59Z"));
        ProcessInstance instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
        managementService.setJobRetries(jobOf(instance).getId(), 0);
        gauges.refresh();

        TestRestTemplate operations = rest.withBasicAuth(
                accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS), TestAccounts.PASSWORD);
        assertThat(operations
                        .getForEntity("/api/statistics/cancellation-reasons", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return Scrape.of(operations.getForObject("/actuator/prometheus", String.class));
    }
}
