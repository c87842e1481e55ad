package com.saascrm.feedback;

/** The optional answers of the last wizard step. */
public record Questionnaire(String replacementProduct, Integer recommendationScore, String otherFeedback) {

    public static final int MAX_REPLACEMENT_PRODUCT_LENGTH = 200;
    public static final int MAX_OTHER_FEEDBACK_LENGTH = 1000;
    public static final int MAX_RECOMMENDATION_SCORE = 10;
}
