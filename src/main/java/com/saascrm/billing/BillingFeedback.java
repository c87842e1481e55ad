package com.saascrm.billing;

import com.saascrm.feedback.CancellationReason;

/** Why a customer cancelled, in the codes billing providers take (Stripe's {@code cancellation_details.feedback}). */
public enum BillingFeedback {
    CUSTOMER_SERVICE,
    LOW_QUALITY,
    MISSING_FEATURES,
    OTHER,
    SWITCHED_SERVICE,
    TOO_COMPLEX,
    TOO_EXPENSIVE,
    UNUSED;

    /** Our reasons map one to one, except a closed business, which providers have no code for. */
    public static BillingFeedback of(CancellationReason reason) {
        return switch (reason) {
            case TOO_EXPENSIVE -> TOO_EXPENSIVE;
            case MISSING_FEATURES -> MISSING_FEATURES;
            case SWITCHED_SERVICE -> SWITCHED_SERVICE;
            case TOO_COMPLEX -> TOO_COMPLEX;
            case LOW_QUALITY -> LOW_QUALITY;
            case CUSTOMER_SERVICE -> CUSTOMER_SERVICE;
            case UNUSED -> UNUSED;
            case BUSINESS_CLOSED, OTHER -> OTHER;
        };
    }

    /** The provider's spelling: {@code too_expensive}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
