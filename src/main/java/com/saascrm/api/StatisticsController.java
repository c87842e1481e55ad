package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.FORBIDDEN;

import java.time.Clock;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;
import com.saascrm.statistics.CancellationStatistics;
import com.saascrm.statistics.CancellationStatistics.ReasonCount;
import com.saascrm.statistics.ChurnMonth;
import com.saascrm.statistics.MonthlyChurn;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Statistics")
@SecurityRequirement(name = "basic")
class StatisticsController {

    /** Three years: a chart's longest useful span, and a bound on what one request reads. */
    private static final int MAX_MONTHS = 36;

    private final CancellationStatistics statistics;
    private final MonthlyChurn churn;
    private final Clock clock;

    StatisticsController(CancellationStatistics statistics, MonthlyChurn churn, Clock clock) {
        this.statistics = statistics;
        this.churn = churn;
        this.clock = clock;
    }

    @Operation(
            operationId = "getCancellationReasons",
            summary = "Ended cancellation requests by reason and outcome (operations, support); anonymous")
    @ProblemAnswers({FORBIDDEN})
    @GetMapping(path = "/api/statistics/cancellation-reasons", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReasonCount> cancellationReasons(Authentication authentication) {
        requireStaff(authentication);
        return statistics.countsByReasonAndOutcome();
    }

    @Operation(
            operationId = "getCancellationsByMonth",
            summary = "The churn picture per month the requests were made in (operations, support); anonymous: ended "
                    + "requests by reason and outcome, open ones, retention offers shown, accepted and declined, and "
                    + "the save rate of the offered group against the control group. Default: the last twelve "
                    + "months; at most 36")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN})
    @GetMapping(path = "/api/statistics/cancellations-by-month", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ChurnMonth> cancellationsByMonth(
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
            @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to,
            Authentication authentication) {
        requireStaff(authentication);
        YearMonth last = to != null ? to : YearMonth.now(clock);
        YearMonth first = from != null ? from : last.minusMonths(11);
        if (first.isAfter(last)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from " + first + " is after to " + last);
        }
        if (ChronoUnit.MONTHS.between(first, last) >= MAX_MONTHS) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST,
                    "from " + first + " to " + last + " is more than " + MAX_MONTHS + " months");
        }
        return churn.between(first, last);
    }

    private static void requireStaff(Authentication authentication) {
        ApiCaller caller = ApiCaller.of(authentication);
        if (!caller.isIn(AccountGroups.OPERATIONS) && !caller.isIn(AccountGroups.SUPPORT)) {
            throw new ApiForbiddenException("Only operations and support may read the statistics");
        }
    }
}
