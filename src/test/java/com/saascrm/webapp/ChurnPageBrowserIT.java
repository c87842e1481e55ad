package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;

/**
 * The churn page in a browser: operations, signed in to Cockpit, read charts and a table of the same figures as the
 * statistics API gives; a customer signed in to Tasklist, or nobody, gets the page that says who may read it.
 */
class ChurnPageBrowserIT {

    private final DemoApplication app = DemoApplication.get();

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @Test
    void operationsReadTheChartsAndTheTableShowsTheApisFigures() throws Exception {
        browser.open(app.url("/operations/churn"));
        browser.visible(By.xpath("//h1[normalize-space()='Sign in to see the churn picture']"));

        browser.open(app.cockpit());
        browser.loginToWebapp("operations", "demo");
        browser.visible(By.xpath("//*[contains(normalize-space(),'Running Process Instances')]"));
        browser.open(app.url("/operations/churn"));
        browser.visible(By.xpath("//h1[normalize-space()='Cancellations and retention']"));

        JsonNode months = statisticsOfTheLastTwelveMonths();
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#figures tbody tr"));
        assertThat(rows).hasSize(12);
        long drawnSeries = 0;
        for (int i = 0; i < 12; i++) {
            JsonNode month = months.get(i);
            List<String> cells = rows.get(i).findElements(By.tagName("td")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(cells.subList(0, 10))
                    .as(month.path("month").asText())
                    .containsExactly(
                            month.path("month").asText(),
                            month.path("ended").asText(),
                            month.path("byOutcome").path("RETAINED").asText(),
                            month.path("byOutcome").path("PAUSED").asText(),
                            month.path("byOutcome").path("ABANDONED").asText(),
                            month.path("byOutcome").path("WITHDRAWN").asText(),
                            month.path("byOutcome").path("REOPENED").asText(),
                            month.path("byOutcome").path("DELETED").asText(),
                            month.path("stillOpen").path("CANCELLED").asText(),
                            month.path("stillOpen").path("IN_WIZARD").asText());
            assertThat(cells.get(12))
                    .isEqualTo(percentOrDash(month.path("experiment").path("offered")));
            assertThat(cells.get(13))
                    .isEqualTo(percentOrDash(month.path("experiment").path("control")));
            drawnSeries += nonZero(month.path("byOutcome")) + nonZero(month.path("stillOpen"));
        }
        assertThat(months.findValues("ended").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .as("the demo's made-up history has ended requests to draw")
                .isPositive();
        assertThat(browser.driver().findElements(By.cssSelector("#requests svg rect")))
                .as("one bar segment per outcome and month with requests")
                .hasSize((int) drawnSeries);
        assertThat(browser.driver().findElements(By.cssSelector("#save-rates svg rect")))
                .isNotEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#offers svg rect")))
                .hasSize(4 * 4);
        browser.screenshot("7-churn-page");
    }

    @Test
    void aCustomerSignedInToTasklistMayNotReadIt() {
        browser.open(app.tasklist());
        browser.loginToWebapp("alice", "demo");
        browser.visible(By.cssSelector("[cam-tasks]"));

        HeadlessChromium.Fetched page = browser.fetch(app.url("/operations/churn"));

        assertThat(page.status()).isEqualTo(403);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("Sign in to see the churn picture").doesNotContain("<svg");
    }

    private JsonNode statisticsOfTheLastTwelveMonths() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/statistics/cancellations-by-month")))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("operations:demo".getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    private static String percentOrDash(JsonNode group) {
        // The page formats as Java's number format does: half-even.
        return group.path("saveRate").isNull()
                ? "–"
                : BigDecimal.valueOf(group.path("saveRate").asDouble())
                                .movePointRight(2)
                                .setScale(0, RoundingMode.HALF_EVEN)
                        + "%";
    }

    private static long nonZero(JsonNode counts) {
        List<Long> values = new ArrayList<>();
        counts.forEach(count -> values.add(count.asLong()));
        return values.stream().filter(value -> value > 0).count();
    }
}
