package com.saascrm.retention;

/**
 * What became of a request's retention offer, for the statistics: which offer the decision chose ({@code null}: the
 * request ended before the decision), the group of the experiment ({@code null} without an offer) and the admin's
 * answer ({@code null}: none given, or none asked for).
 */
public record OfferTrial(RetentionOffer.Kind offer, RetentionGroup group, OfferAnswer answer) {

    public static final OfferTrial NOT_DECIDED = new OfferTrial(null, null, null);
}
