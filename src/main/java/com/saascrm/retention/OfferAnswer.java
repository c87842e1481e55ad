package com.saascrm.retention;

/** The admin's answer to a retention offer; the values of the offer step's {@code retentionOfferAnswer}. */
public enum OfferAnswer {
    ACCEPT,
    DECLINE
}
