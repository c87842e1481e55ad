package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_DATES;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CONSENT_GUIDANCE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PLAN_FEATURES;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PLAN_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * The wizard in the account's language: each step's name, in the task and in its history, and the plan the review
 * shows.
 */
class WizardInAccountLanguageTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    @Test
    void aNorwegianAccountsStepsAreNamedInNorwegianAndAnEnglishOnesInEnglish() {
        TestAccount norwegian = accounts.paidAccount("nb", PERIOD_END);
        TestAccount english = accounts.paidAccount("en", PERIOD_END);

        assertThat(stepNames(norwegian))
                .containsExactly("Gå gjennom kontodataene", "Oppgi årsak", "Bekreft oppsigelsen");
        assertThat(stepNames(english)).containsExactly("Review account data", "Submit reason", "Confirm cancellation");
    }

    @Test
    void theReviewShowsThePlanInTheAccountsLanguage() {
        TestAccount norwegian = accounts.paidAccount("nb", PERIOD_END);
        TestAccount english = accounts.paidAccount("en", PERIOD_END);

        assertThat(reviewVariables(norwegian))
                .containsEntry(PLAN_NAME.name(), "Professional")
                .containsEntry(
                        PLAN_FEATURES.name(),
                        "Salgstrakt og avtaler, Kontakter og organisasjoner, E-postsynkronisering og maler,"
                                + " Automatiserte arbeidsflyter, Inntektsprognoser og rapporter");
        assertThat(reviewVariables(english))
                .containsEntry(
                        PLAN_FEATURES.name(),
                        "Pipeline and deal management, Contact and organization records, E-mail sync and templates,"
                                + " Workflow automation, Revenue forecasts and reports");
    }

    @Test
    void theConfirmationSaysUntilWhenAccessLastsAndWhenTheDataIsDeletedBeforeTheConsent() {
        TestAccount norwegian = accounts.paidAccount("nb", PERIOD_END);
        ProcessInstance instance = startAs(norwegian.admin(), norwegian.id());
        WizardAnswers answers = WizardAnswers.plain();
        List<Map<String, Object>> steps = new ArrayList<>();
        answers.completeEach(steps::add);
        completeTask(instance, steps.get(0));
        completeTask(instance, steps.get(1));

        Map<String, Object> confirmation =
                taskService.getVariablesLocal(taskOf(instance).getId());

        assertThat((String) confirmation.get(CANCELLATION_DATES.name()))
                .startsWith("Bekrefter du nå, har du tilgang til alle data til og med 30. juni 2030.")
                .contains("slettes permanent med alle data ved utgangen av 30. desember 2030");
        assertThat((String) confirmation.get(CONSENT_GUIDANCE.name())).startsWith("Kryss av her for å bekrefte");
    }

    private Map<String, Object> reviewVariables(TestAccount account) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        return taskService.getVariablesLocal(taskOf(instance).getId());
    }

    private List<String> stepNames(TestAccount account) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        List<String> names = new ArrayList<>();
        WizardAnswers.plain().completeEach(step -> {
            names.add(taskOf(instance).getName());
            completeTask(instance, step);
        });
        assertThat(processEngine
                        .getHistoryService()
                        .createHistoricTaskInstanceQuery()
                        .processInstanceId(instance.getId())
                        .orderByHistoricActivityInstanceStartTime()
                        .asc()
                        .list())
                .extracting(HistoricTaskInstance::getName)
                .containsExactlyElementsOf(names);
        return names;
    }
}
