package com.saascrm.feedback;

import java.util.Arrays;
import java.util.Optional;

/** Why an account leaves, "for statistical purposes". The codes are part of the process variables contract. */
public enum CancellationReason {
    TOO_EXPENSIVE,
    MISSING_FEATURES,
    SWITCHED_SERVICE,
    TOO_COMPLEX,
    LOW_QUALITY,
    CUSTOMER_SERVICE,
    UNUSED,
    BUSINESS_CLOSED,
    OTHER;

    public static Optional<CancellationReason> fromCode(String code) {
        return Arrays.stream(values())
                .filter(reason -> reason.name().equals(code))
                .findFirst();
    }
}
