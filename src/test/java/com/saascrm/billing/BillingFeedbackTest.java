package com.saascrm.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.saascrm.feedback.CancellationReason;

class BillingFeedbackTest {

    @Test
    void everyReasonHasTheProvidersCodeAndAClosedBusinessIsOther() {
        for (CancellationReason reason : CancellationReason.values()) {
            String expected = reason == CancellationReason.BUSINESS_CLOSED
                    ? "other"
                    : reason.name().toLowerCase();
            assertThat(BillingFeedback.of(reason).code()).as(reason.name()).isEqualTo(expected);
        }
        assertThat(Arrays.stream(BillingFeedback.values()).map(BillingFeedback::code))
                .containsExactlyInAnyOrder(
                        "customer_service",
                        "low_quality",
                        "missing_features",
                        "other",
                        "switched_service",
                        "too_complex",
                        "too_expensive",
                        "unused");
    }
}
