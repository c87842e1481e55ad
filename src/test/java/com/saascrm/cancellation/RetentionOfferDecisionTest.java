package com.saascrm.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.retention.RetentionOffer;
import com.saascrm.retention.RetentionOffer.Kind;
import com.saascrm.testsupport.ProcessTestBase;

/**
 * The retention offer's decision table as the application deploys it: each rule gives its offer, the history says
 * which rule fired, and a table the business changes and deploys while the application runs decides the next
 * request.
 */
class RetentionOfferDecisionTest extends ProcessTestBase {

    private static final String DECISION = "retention-offer";

    /**
     * Each evaluation here happens on a clock later than any other test's and any earlier run's (PostgreSQL keeps its
     * history between runs), so that the newest evaluation in the history is this test's own: two hundred years
     * ahead of the real time, a millisecond further for each.
     */
    private static final Instant OWN_TIME = Instant.now().plus(Duration.ofDays(365L * 200));

    private static int evaluations;

    @Autowired
    private DecisionService decisionService;

    @Autowired
    private HistoryService historyService;

    @Autowired
    private RepositoryService repositoryService;

    @ParameterizedTest(name = "{0} on {1}, {2} months, {3} users: {4} ({9})")
    @CsvSource(
            nullValues = "",
            value = {
                "BUSINESS_CLOSED,  PROFESSIONAL,        24, 3,  NONE,         ,   ,  ,  ,         Rule_Leaving",
                "SWITCHED_SERVICE, ESSENTIAL,           1,  50, NONE,         ,   ,  ,  ,         Rule_Leaving",
                "TOO_EXPENSIVE,    PROFESSIONAL,        2,  3,  NONE,         ,   ,  ,  ,         Rule_NewCustomer",
                "UNUSED,           ESSENTIAL,           ,   3,  NONE,         ,   ,  ,  ,         Rule_NewCustomer",
                "TOO_EXPENSIVE,    PROFESSIONAL,        3,  3,  CHEAPER_PLAN, ,   ,  , ADVANCED,  Rule_ExpensiveProfessional",
                "TOO_EXPENSIVE,    PROFESSIONAL_YEARLY, 24, 3,  CHEAPER_PLAN, ,   ,  , ADVANCED,  Rule_ExpensiveProfessional",
                "TOO_EXPENSIVE,    ADVANCED,            24, 3,  CHEAPER_PLAN, ,   ,  , ESSENTIAL, Rule_ExpensiveAdvanced",
                "TOO_EXPENSIVE,    ESSENTIAL,           24, 3,  DISCOUNT,     25, 3, ,  ,         Rule_ExpensiveEssential",
                "UNUSED,           ADVANCED,            12, 3,  PAUSE,        ,   , 3,  ,         Rule_Unused",
                "TOO_COMPLEX,      ESSENTIAL,           12, 1,  SUPPORT_CALL, ,   ,  ,  ,         Rule_TooComplex",
                "LOW_QUALITY,      PROFESSIONAL,        12, 10, SUPPORT_CALL, ,   ,  ,  ,         Rule_UnhappyLargeAccount",
                "CUSTOMER_SERVICE, ESSENTIAL,           12, 40, SUPPORT_CALL, ,   ,  ,  ,         Rule_UnhappyLargeAccount",
                "LOW_QUALITY,      PROFESSIONAL,        12, 9,  NONE,         ,   ,  ,  ,         Rule_Otherwise",
                "MISSING_FEATURES, ESSENTIAL,           12, 3,  NONE,         ,   ,  ,  ,         Rule_Otherwise",
                "OTHER,            ESSENTIAL,           12, 3,  NONE,         ,   ,  ,  ,         Rule_Otherwise"
            })
    void eachRuleGivesItsOfferAndTheHistorySaysWhichRuleFired(
            String reason,
            String plan,
            Integer customerMonths,
            int users,
            Kind kind,
            Integer percent,
            Integer discountMonths,
            Integer pauseMonths,
            String targetPlan,
            String rule) {
        RetentionOffer offer = offerFor(reason, plan, customerMonths, users);

        assertThat(offer).isEqualTo(new RetentionOffer(kind, percent, discountMonths, pauseMonths, targetPlan));
        assertThat(rulesOfTheLastEvaluation()).containsOnly(rule);
    }

    @Test
    void anAccountWhoseBillingIsPausedGetsNoSecondOffer() {
        assertThat(offerFor("UNUSED", "ADVANCED", 12, 3, true)).isEqualTo(RetentionOffer.NONE);
        assertThat(rulesOfTheLastEvaluation()).containsOnly("Rule_AlreadyPaused");
    }

    @Test
    void aTableChangedAndDeployedWhileTheApplicationRunsDecidesTheNextRequest() {
        assertThat(offerFor("TOO_EXPENSIVE", "ESSENTIAL", 24, 3).discountPercent())
                .isEqualTo(25);
        ModelDeployments models = new ModelDeployments(repositoryService);
        models.deployChangedDecision(
                "<outputEntry id=\"Rule_ExpensiveEssential_Percent\"><text>25</text>",
                "<outputEntry id=\"Rule_ExpensiveEssential_Percent\"><text>40</text>");
        try {
            assertThat(offerFor("TOO_EXPENSIVE", "ESSENTIAL", 24, 3))
                    .isEqualTo(new RetentionOffer(Kind.DISCOUNT, 40, 3, null, null));
        } finally {
            models.undeployAll();
        }
        assertThat(offerFor("TOO_EXPENSIVE", "ESSENTIAL", 24, 3).discountPercent())
                .isEqualTo(25);
    }

    /** The rules that gave the outputs of the newest evaluation in the history: one, with a FIRST hit policy. */
    private List<String> rulesOfTheLastEvaluation() {
        return historyService
                .createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(DECISION)
                .includeOutputs()
                .orderByEvaluationTime()
                .desc()
                .listPage(0, 1)
                .get(0)
                .getOutputs()
                .stream()
                .map(HistoricDecisionOutputInstance::getRuleId)
                .toList();
    }

    /** Evaluates the latest version of the table, as the process will. */
    private RetentionOffer offerFor(String reason, String plan, Integer customerMonths, int users) {
        return offerFor(reason, plan, customerMonths, users, false);
    }

    private RetentionOffer offerFor(String reason, String plan, Integer customerMonths, int users, boolean paused) {
        setClock(OWN_TIME.plusMillis(++evaluations));
        Map<String, Object> outputs = decisionService
                .evaluateDecisionTableByKey(DECISION)
                .variables(Variables.createVariables()
                        .putValue("cancellationReason", reason)
                        .putValue("planCode", plan)
                        .putValue("customerMonths", customerMonths)
                        .putValue("accountUsers", users)
                        .putValue("subscriptionPaused", paused))
                .evaluate()
                .getSingleResult()
                .getEntryMap();
        return RetentionOffer.fromDecision(outputs);
    }
}
