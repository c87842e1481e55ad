package com.saascrm.statistics;

import java.time.YearMonth;
import java.util.Map;

/**
 * The churn picture of one month, by the month the requests were made in. Anonymous: counts only.
 *
 * @param ended      requests of the month that have ended
 * @param byReason   the ended ones by reason ({@code NOT_GIVEN}: left before choosing one)
 * @param byOutcome  the ended ones by outcome
 * @param stillOpen  requests of the month still open: {@code IN_WIZARD}, or {@code CANCELLED} (confirmed; access
 *                   or locked period, waiting for the deletion)
 * @param offers     by offer of the decision table: shown, accepted, declined, and kept from the control group
 * @param experiment the save rate of the requests that saw their offer against the control group's
 */
public record ChurnMonth(
        YearMonth month,
        long ended,
        Map<String, Long> byReason,
        Map<String, Long> byOutcome,
        Map<String, Long> stillOpen,
        Map<String, OfferFigures> offers,
        Experiment experiment) {

    public record OfferFigures(long shown, long accepted, long declined, long controlGroup) {}

    /**
     * One group of the experiment. A request is decided once it has ended or its cancellation is confirmed; it is
     * saved when the subscription goes on without a confirmed cancellation (retained, paused, or left in the wizard).
     *
     * @param saveRate saved among decided, from 0 to 1; absent while none is decided
     */
    public record GroupFigures(long decided, long saved, Double saveRate) {}

    public record Experiment(GroupFigures offered, GroupFigures control) {}
}
