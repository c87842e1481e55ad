package com.saascrm.retention;

import java.util.Locale;
import java.util.Map;

/**
 * What an admin who is cancelling is offered before the last step, as the business's decision table
 * ({@code bpmn/retention-offer.dmn}) gives it. The table is edited without a deployment of the application, so what
 * it answers is checked here: an offer without its terms is refused with the rule's fault named, never half-applied.
 */
public record RetentionOffer(
        Kind kind, Integer discountPercent, Integer discountMonths, Integer pauseMonths, String targetPlan) {

    public enum Kind {
        DISCOUNT,
        PAUSE,
        CHEAPER_PLAN,
        SUPPORT_CALL,
        NONE
    }

    public static final RetentionOffer NONE = new RetentionOffer(Kind.NONE, null, null, null, null);

    public RetentionOffer {
        if (kind == null) {
            throw new InvalidRetentionOfferException("names no offer");
        }
        switch (kind) {
            case DISCOUNT -> {
                requireBetween("discountPercent", discountPercent, 1, 100);
                requireBetween("discountMonths", discountMonths, 1, 24);
                requireAbsent(kind, pauseMonths, targetPlan);
            }
            case PAUSE -> {
                requireBetween("pauseMonths", pauseMonths, 1, 12);
                requireAbsent(kind, discountPercent, discountMonths, targetPlan);
            }
            case CHEAPER_PLAN -> {
                if (targetPlan == null || targetPlan.isBlank()) {
                    throw new InvalidRetentionOfferException("gives CHEAPER_PLAN without a targetPlan");
                }
                requireAbsent(kind, discountPercent, discountMonths, pauseMonths);
            }
            case SUPPORT_CALL, NONE -> requireAbsent(kind, discountPercent, discountMonths, pauseMonths, targetPlan);
        }
    }

    /** The outputs of the decision's matching rule, by their names in the table. */
    public static RetentionOffer fromDecision(Map<String, Object> outputs) {
        Object offer = outputs.get("offer");
        Kind kind;
        try {
            kind = offer == null ? null : Kind.valueOf(offer.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRetentionOfferException("gives the unknown offer " + offer);
        }
        return new RetentionOffer(
                kind,
                integer(outputs.get("discountPercent")),
                integer(outputs.get("discountMonths")),
                integer(outputs.get("pauseMonths")),
                outputs.get("targetPlan") == null
                        ? null
                        : outputs.get("targetPlan").toString());
    }

    public boolean isOffer() {
        return kind != Kind.NONE;
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? Integer.valueOf(number.intValue()) : null;
    }

    private static void requireBetween(String output, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new InvalidRetentionOfferException(
                    "gives " + output + " " + value + ", not a whole number from " + min + " to " + max);
        }
    }

    private static void requireAbsent(Kind kind, Object... others) {
        for (Object other : others) {
            if (other != null) {
                throw new InvalidRetentionOfferException("gives " + kind + " with terms of another offer (" + other
                        + "): leave the other columns empty");
            }
        }
    }
}
