package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.cancellation.AccountCancellationProcess.ReviewDecision;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Bad wizard input is refused by the engine: the task stays open and nothing changes. */
class WizardInputValidationTest extends ProcessTestBase {

    @Autowired
    private HistoryService historyService;

    private TestAccount account;
    private ProcessInstance instance;

    @BeforeEach
    void startWizard() {
        account = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));
        instance = startAs(account.admin(), account.id());
    }

    @Test
    void reviewWithoutDecisionIsRefused() {
        String taskId = taskOf(instance).getId();

        assertRefused(Map.of(), "reviewDecision is required: one of CONTINUE, KEEP_SUBSCRIPTION");
        assertRefused(
                Map.of(REVIEW_DECISION.name(), "MAYBE"), "reviewDecision must be one of CONTINUE, KEEP_SUBSCRIPTION");

        assertThat(taskOf(instance).getId()).isEqualTo(taskId);
        assertThat(instance).isWaitingAt(TASK_REVIEW_ACCOUNT_DATA);
    }

    @Test
    void reasonMustBeAKnownCodeAndTheCommentShort() {
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));

        assertRefused(Map.of(), "cancellationReason is required");
        assertRefused(Map.of(CANCELLATION_REASON.name(), "BORED"), "cancellationReason must be one of TOO_EXPENSIVE");
        assertRefused(
                Map.of(CANCELLATION_REASON.name(), "OTHER", REASON_COMMENT.name(), "x".repeat(1001)),
                "reasonComment must be at most 1000 characters long");

        assertThat(instance).isWaitingAt(TASK_SUBMIT_REASON);
        assertThat(count("SELECT COUNT(*) FROM cancellation_feedback WHERE account_id = ?", account.id()))
                .isZero();
        assertThat(runtimeService.getVariable(instance.getId(), REASON_COMMENT.name()))
                .isNull();
    }

    @Test
    void confirmationWithoutConsentIsRefused() {
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));
        completeTask(instance, Map.of(CANCELLATION_REASON.name(), "UNUSED"));

        assertRefused(Map.of(OTHER_FEEDBACK.name(), "feedback"), "dataLossConsent must be true");
        assertRefused(Map.of(DATA_LOSS_CONSENT.name(), false), "dataLossConsent must be true");
        assertRefused(Map.of(DATA_LOSS_CONSENT.name(), "true"), "dataLossConsent must be a Boolean");
        assertRefused(
                Map.of(DATA_LOSS_CONSENT.name(), true, RECOMMENDATION_SCORE.name(), 11L),
                "recommendationScore must be a whole number from 0 to 10");

        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION);
        assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND cancelled_at IS NULL",
                        account.id()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM cancellation_feedback WHERE account_id = ? AND other_feedback IS NOT NULL",
                        account.id()))
                .isZero();
    }

    @Test
    void noPersonalDataOrFreeTextStaysInTheProcessVariablesOrTheirHistory() {
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));
        completeTask(
                instance,
                Map.of(CANCELLATION_REASON.name(), "OTHER", REASON_COMMENT.name(), "Comment " + account.id()));
        Map<String, Object> confirmation = new HashMap<>();
        confirmation.put(DATA_LOSS_CONSENT.name(), true);
        confirmation.put(REPLACEMENT_PRODUCT.name(), "Replacement " + account.id());
        confirmation.put(RECOMMENDATION_SCORE.name(), 3L);
        confirmation.put(OTHER_FEEDBACK.name(), "Feedback " + account.id());
        completeTask(instance, confirmation);
        runBillingStep(instance);
        assertThat(instance).isWaitingAt(TASK_SEND_CANCELLATION_CONFIRMATION);

        List<VariableInstance> variables = runtimeService
                .createVariableInstanceQuery()
                .processInstanceIdIn(instance.getId())
                .list();
        List<String> personal =
                List.of(account.companyName(), "Name of", "@mail.example", "Comment ", "Replacement ", "Feedback ");
        for (VariableInstance variable : variables) {
            String value = String.valueOf(variable.getValue());
            assertThat(personal)
                    .as("variable %s = %s", variable.getName(), value)
                    .noneMatch(value::contains);
        }
        List<Object> historicValues = new java.util.ArrayList<>();
        historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .list()
                .forEach(variable -> historicValues.add(variable.getValue()));
        historyService
                .createHistoricDetailQuery()
                .processInstanceId(instance.getId())
                .variableUpdates()
                .list()
                .forEach(detail -> historicValues.add(((HistoricVariableUpdate) detail).getValue()));
        assertThat(historicValues).isNotEmpty();
        for (Object historic : historicValues) {
            assertThat(personal).as("history holds %s", historic).noneMatch(String.valueOf(historic)::contains);
        }
        assertThat(variables)
                .extracting(VariableInstance::getName)
                .doesNotContain(
                        REASON_COMMENT.name(),
                        REPLACEMENT_PRODUCT.name(),
                        OTHER_FEEDBACK.name(),
                        RECOMMENDATION_SCORE.name());
        assertThat(jdbc.sql("""
                SELECT reason_code, reason_comment, replacement_product, recommendation_score, other_feedback
                FROM cancellation_feedback WHERE request_id = ?""").param(instance.getId()).query().singleRow())
                .containsEntry("REASON_CODE", "OTHER")
                .containsEntry("REASON_COMMENT", "Comment " + account.id())
                .containsEntry("REPLACEMENT_PRODUCT", "Replacement " + account.id())
                .containsEntry("RECOMMENDATION_SCORE", 3)
                .containsEntry("OTHER_FEEDBACK", "Feedback " + account.id());
    }

    @Test
    void freeTextSubmittedThroughATaskFormIsNotRecordedAsAFormField() {
        completeTask(instance, Map.of(REVIEW_DECISION.name(), ReviewDecision.CONTINUE.name()));

        processEngine
                .getFormService()
                .submitTaskForm(
                        taskOf(instance).getId(),
                        Map.of(CANCELLATION_REASON.name(), "OTHER", REASON_COMMENT.name(), "Comment " + account.id()));

        assertThat(historyService
                        .createHistoricDetailQuery()
                        .processInstanceId(instance.getId())
                        .formFields()
                        .list())
                .extracting(detail -> ((HistoricFormField) detail).getFieldId())
                .contains(CANCELLATION_REASON.name())
                .doesNotContain(REASON_COMMENT.name());
    }

    private void assertRefused(Map<String, Object> variables, String message) {
        String taskId = taskOf(instance).getId();
        assertThatThrownBy(() -> taskService.complete(taskId, variables))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining(message);
        assertThat(taskOf(instance).getId()).isEqualTo(taskId);
    }
}
