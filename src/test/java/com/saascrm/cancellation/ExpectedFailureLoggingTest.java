package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** What is part of normal use is one INFO line; what needs a person is still an ERROR with its stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class ExpectedFailureLoggingTest extends ProcessTestBase {

    @Test
    void refusedWizardInputIsOneInfoLineWithoutStackTrace(CapturedOutput log) {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));
        String taskId = taskOf(startAs(account.admin(), account.id())).getId();
        authenticateAs(account.admin());

        assertThatThrownBy(() -> taskService.complete(taskId, Map.of(REVIEW_DECISION.name(), "MAYBE")))
                .isInstanceOf(FormFieldValidationException.class);

        assertThat(log.getAll().lines().filter(line -> line.contains(" ERROR ")))
                .isEmpty();
        assertThat(log.getAll().lines().filter(line -> line.contains("Refused form input")))
                .singleElement()
                .asString()
                .contains(" INFO ")
                .contains("reviewDecision must be one of");
        assertThat(log.getAll()).doesNotContain("FormFieldValidationException");
    }

    @Test
    void anUnexpectedFailureInACommandIsStillAnErrorWithItsStackTrace(CapturedOutput log) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
                    throw new IllegalStateException("a defect");
                }))
                .hasMessage("a defect");

        assertThat(log.getAll())
                .contains("ERROR")
                .contains("ENGINE-16004 Exception while closing command context: a defect")
                .contains("java.lang.IllegalStateException: a defect");
    }
}
