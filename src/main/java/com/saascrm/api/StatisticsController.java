package com.saascrm.api;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;
import com.saascrm.statistics.CancellationStatistics;
import com.saascrm.statistics.CancellationStatistics.ReasonCount;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Statistics")
@SecurityRequirement(name = "basic")
class StatisticsController {

    private final CancellationStatistics statistics;

    StatisticsController(CancellationStatistics statistics) {
        this.statistics = statistics;
    }

    @Operation(summary = "Ended cancellation requests by reason and outcome (operations, support); anonymous")
    @GetMapping(path = "/api/statistics/cancellation-reasons", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReasonCount> cancellationReasons(Authentication authentication) {
        ApiCaller caller = ApiCaller.of(authentication);
        if (!caller.isIn(AccountGroups.OPERATIONS) && !caller.isIn(AccountGroups.SUPPORT)) {
            throw new ApiForbiddenException("Only operations and support may read the statistics");
        }
        return statistics.countsByReasonAndOutcome();
    }
}
