package com.saascrm.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/** Each wizard step carries its name in the account's language, in the task and in its history. */
class TaskNamesInAccountLanguageTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    @Test
    void aNorwegianAccountsStepsAreNamedInNorwegianAndAnEnglishOnesInEnglish() {
        TestAccount norwegian = accounts.paidAccount("nb", PERIOD_END);
        TestAccount english = accounts.paidAccount("en", PERIOD_END);

        assertThat(stepNames(norwegian))
                .containsExactly("Gå gjennom kontodataene", "Oppgi årsak", "Bekreft oppsigelsen");
        assertThat(stepNames(english)).containsExactly("Review account data", "Submit reason", "Confirm cancellation");
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
