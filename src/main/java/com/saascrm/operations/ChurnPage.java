package com.saascrm.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.WebappLogin;
import com.saascrm.statistics.ChurnMonth;
import com.saascrm.statistics.MonthlyChurn;
import com.saascrm.support.HtmlTemplates;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The churn picture for people without tools: charts of the twelve months up to {@code to} (default: this month),
 * for operations and support signed in to the web apps (Cockpit or Tasklist) in this browser. The same figures as
 * {@code GET /api/statistics/cancellations-by-month}.
 */
@Controller
@Hidden // a page for browsers, not part of the API's contract
class ChurnPage {

    static final String PATH = "/operations/churn";
    private static final List<String> READERS = List.of(AccountGroups.OPERATIONS, AccountGroups.SUPPORT);

    private final MonthlyChurn churn;
    private final WebappLogin login;
    private final Clock clock;
    private final HtmlTemplates templates = new OperationsPages();

    ChurnPage(MonthlyChurn churn, WebappLogin login, Clock clock) {
        this.churn = churn;
        this.login = login;
        this.clock = clock;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(
            @RequestParam @DateTimeFormat(pattern = "yyyy-MM") Optional<YearMonth> to, HttpServletRequest request) {
        if (!login.isInAnyOf(request, READERS)) {
            return html(HttpStatus.FORBIDDEN, "sign-in-needed", Map.of());
        }
        YearMonth last = to.orElse(YearMonth.now(clock));
        List<ChurnMonth> months = churn.between(last.minusMonths(11), last);
        return html(
                HttpStatus.OK,
                "churn",
                Map.of(
                        "from",
                        last.minusMonths(11),
                        "to",
                        last,
                        "months",
                        months,
                        "charts",
                        List.of(
                                ChurnCharts.requestsByMonth(months),
                                ChurnCharts.saveRates(months),
                                ChurnCharts.offers(months),
                                ChurnCharts.reasons(months))));
    }

    private ResponseEntity<String> html(HttpStatus status, String page, Map<String, Object> facts) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(templates.render(page, Locale.ENGLISH, facts));
    }

    /** The operations pages: templates {@code operations/*.html}, in English, for staff. */
    private static final class OperationsPages extends HtmlTemplates {
        OperationsPages() {
            super("operations/", null);
        }
    }
}
