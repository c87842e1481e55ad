package com.saascrm.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.cancellation.AccountCancellationProcess.Variables;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * With {@code logging.structured.format.console=ecs} every console line is a JSON object; a line written while the
 * engine works on a cancellation names its process instance and its business key, refused input is one INFO line
 * without an error, and no line holds a person.
 * In a JVM of its own: the logging system is set up once per JVM, for the first application that starts.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class StructuredLogsIT extends ProcessTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachLineIsJsonAndTheMailStepsLineNamesItsInstanceAndAccount(CapturedOutput output) {
        // The application has started (and printed its banners); what it logs from here on is read.
        int started = output.getOut().length();
        TestAccount account = accounts.paidAccount("en", Instant.parse("2031-06-30T23:59:59Z"));
        ProcessInstance instance = startAs(account.admin(), account.id());
        authenticateAs(account.admin());
        assertThatThrownBy(() -> taskService.complete(
                        taskOf(instance).getId(), Map.of(Variables.REVIEW_DECISION.name(), "MAYBE")))
                .isInstanceOf(FormFieldValidationException.class);
        identityService.clearAuthentication();
        Cancellations.completeWizard(processEngine, instance.getId());
        runBillingStep(instance);
        Job mail = jobOf(instance);
        managementService.executeJob(mail.getId());

        String logged = output.getOut().substring(started);
        List<Map<String, Object>> lines = logged.lines()
                .filter(line -> !line.isBlank())
                .map(StructuredLogsIT::parsed)
                .toList();
        assertThat(lines)
                .filteredOn(line -> String.valueOf(line.get("message")).startsWith("Refused form input"))
                .singleElement()
                .satisfies(refused -> assertThat(refused)
                        .containsEntry(
                                "log",
                                Map.of("level", "INFO", "logger", "com.saascrm.cancellation.ExpectedFailureLogging"))
                        .doesNotContainKey("error"));
        assertThat(lines).noneMatch(line -> String.valueOf(line.get("log")).contains("level=ERROR"));
        Map<String, Object> sent = lines.stream()
                .filter(line -> String.valueOf(line.get("message")).startsWith("Sent CANCELLATION_CONFIRMATION"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No line says that the confirmation was sent"));
        assertThat(sent)
                .containsEntry("log", Map.of("level", "INFO", "logger", "com.saascrm.mail.AccountMailer"))
                .containsEntry("processInstanceId", instance.getId())
                .containsEntry("businessKey", account.id())
                .containsEntry("activityId", "Task_SendCancellationConfirmation");
        assertThat(logged)
                .doesNotContain(account.email(account.admin()))
                .doesNotContain("Name of " + account.admin())
                .doesNotContain("Company of " + account.id());
    }

    private static Map<String, Object> parsed(String line) {
        try {
            return JSON.readValue(line, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not a JSON line: " + line, e);
        }
    }
}
