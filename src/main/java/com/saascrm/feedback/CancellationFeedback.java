package com.saascrm.feedback;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps what the admin tells us while leaving. Free text is personal data: it lives here, is deleted with
 * the account, and never stays in a process variable.
 */
@Repository
public class CancellationFeedback {

    public static final int MAX_REASON_COMMENT_LENGTH = 1000;

    private final JdbcClient jdbc;

    CancellationFeedback(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void recordReason(String accountId, String requestId, CancellationReason reason, String comment) {
        int updated = jdbc.sql(
                        "UPDATE cancellation_feedback SET reason_code = ?, reason_comment = ? WHERE request_id = ?")
                .params(reason.name(), comment, requestId)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            "INSERT INTO cancellation_feedback (request_id, account_id, reason_code, reason_comment) VALUES (?, ?, ?, ?)")
                    .params(requestId, accountId, reason.name(), comment)
                    .update();
        }
    }

    public void recordQuestionnaire(String accountId, String requestId, Questionnaire answers) {
        int updated = jdbc.sql("""
                UPDATE cancellation_feedback
                SET replacement_product = ?, recommendation_score = ?, other_feedback = ?
                WHERE request_id = ?""")
                .params(answers.replacementProduct(), answers.recommendationScore(), answers.otherFeedback(), requestId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO cancellation_feedback
                        (request_id, account_id, replacement_product, recommendation_score, other_feedback)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            requestId,
                            accountId,
                            answers.replacementProduct(),
                            answers.recommendationScore(),
                            answers.otherFeedback())
                    .update();
        }
    }

    public Optional<CancellationReason> reasonOf(String requestId) {
        return jdbc.sql("SELECT reason_code FROM cancellation_feedback WHERE request_id = ?")
                .param(requestId)
                .query(String.class)
                .optional()
                .flatMap(CancellationReason::fromCode);
    }

    public int deleteAllOf(String accountId) {
        return jdbc.sql("DELETE FROM cancellation_feedback WHERE account_id = ?")
                .param(accountId)
                .update();
    }
}
