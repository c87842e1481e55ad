package com.saascrm.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.saascrm.retention.RetentionOffer.Kind;

/** A rule of the table that gives no offer, or an offer without its terms, is refused with the fault named. */
class RetentionOfferTest {

    @Test
    void eachOfferWithItsTermsIsRead() {
        assertThat(RetentionOffer.fromDecision(outputs("DISCOUNT", 25, 3, null, null)))
                .isEqualTo(new RetentionOffer(Kind.DISCOUNT, 25, 3, null, null));
        assertThat(RetentionOffer.fromDecision(outputs("PAUSE", null, null, 3L, null)))
                .isEqualTo(new RetentionOffer(Kind.PAUSE, null, null, 3, null));
        assertThat(RetentionOffer.fromDecision(outputs("CHEAPER_PLAN", null, null, null, "ADVANCED")))
                .isEqualTo(new RetentionOffer(Kind.CHEAPER_PLAN, null, null, null, "ADVANCED"));
        assertThat(RetentionOffer.fromDecision(outputs("SUPPORT_CALL", null, null, null, null))
                        .isOffer())
                .isTrue();
        assertThat(RetentionOffer.fromDecision(outputs("NONE", null, null, null, null)))
                .isEqualTo(RetentionOffer.NONE)
                .satisfies(none -> assertThat(none.isOffer()).isFalse());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "",
            value = {
                "          |     |     |    |          | names no offer",
                "FREE_BEER |     |     |    |          | gives the unknown offer FREE_BEER",
                "DISCOUNT  |     | 3   |    |          | gives discountPercent null, not a whole number from 1 to 100",
                "DISCOUNT  | 150 | 3   |    |          | gives discountPercent 150",
                "DISCOUNT  | 25  | 0   |    |          | gives discountMonths 0",
                "DISCOUNT  | 25  | 3   | 2  |          | gives DISCOUNT with terms of another offer (2)",
                "PAUSE     |     |     | 13 |          | gives pauseMonths 13, not a whole number from 1 to 12",
                "PAUSE     | 10  |     | 3  |          | gives PAUSE with terms of another offer (10)",
                "CHEAPER_PLAN |  |     |    |          | gives CHEAPER_PLAN without a targetPlan",
                "SUPPORT_CALL |  |     |    | ADVANCED | gives SUPPORT_CALL with terms of another offer (ADVANCED)",
                "NONE      |     |     | 3  |          | gives NONE with terms of another offer (3)"
            })
    void anOfferWithoutItsTermsIsRefusedNamingTheFault(
            String offer, Integer percent, Integer discountMonths, Integer pauseMonths, String plan, String fault) {
        assertThatThrownBy(
                        () -> RetentionOffer.fromDecision(outputs(offer, percent, discountMonths, pauseMonths, plan)))
                .isInstanceOf(InvalidRetentionOfferException.class)
                .hasMessageStartingWith("The retention-offer decision ")
                .hasMessageContaining(fault);
    }

    private static Map<String, Object> outputs(
            String offer, Number percent, Number discountMonths, Number pauseMonths, String plan) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("offer", offer);
        outputs.put("discountPercent", percent);
        outputs.put("discountMonths", discountMonths);
        outputs.put("pauseMonths", pauseMonths);
        outputs.put("targetPlan", plan);
        return outputs;
    }
}
