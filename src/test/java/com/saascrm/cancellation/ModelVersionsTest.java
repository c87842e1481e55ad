package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * A new version of the model never strands a cancellation that runs on an earlier one: instances started on each
 * earlier version (kept as test resources: 1; 2, whose billing steps were not yet jobs of their own; 3, the last whose
 * forms chose their language themselves) complete after the current model is deployed, and the status reads them.
 */
class ModelVersionsTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    @Autowired
    private RepositoryService repositoryService;

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private CancellationStatusQuery status;

    private ModelDeployments models;

    @BeforeEach
    void setTheClock() {
        setClock(NOW);
        models = new ModelDeployments(repositoryService);
    }

    @AfterEach
    void undeployTheTestsVersions() {
        models.undeployAll();
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "model-versions/account-cancellation-1.xml, ",
                "model-versions/account-cancellation-2.xml, 2",
                "model-versions/account-cancellation-3.xml, 3",
                "model-versions/account-cancellation-4.xml, 4",
                "model-versions/account-cancellation-5.xml, 5",
                "model-versions/account-cancellation-6.xml, 6",
                "model-versions/account-cancellation-7.xml, 7"
            },
            nullValues = "")
    void cancellationsStartedOnAnEarlierVersionCompleteAfterTheCurrentOneIsDeployed(String earlier, String versionTag) {
        models.deploy(earlier);
        TestAccount withdrawing = accounts.paidAccount("en", PERIOD_END);
        TestAccount deleted = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance toWithdraw = startedAndConfirmed(withdrawing);
        ProcessInstance toDelete = startedAndConfirmed(deleted);
        assertThat(versionTagOf(toWithdraw)).isEqualTo(versionTag);

        ProcessDefinition current = models.deploy("account-cancellation.bpmn");
        assertThat(current.getVersionTag()).isEqualTo("8");

        commands.withdraw(withdrawing.id());
        executeJobsUntilNoneLeft(toWithdraw);
        assertThat(toWithdraw).isEnded().hasPassed(AccountCancellationProcess.Elements.EVENT_WITHDRAWN);
        assertThat(status.of(withdrawing.id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.WITHDRAWN);
        assertThat(accountStatus(withdrawing.id())).isEqualTo("ACTIVE");

        executeJobsUntilNoneLeft(toDelete);
        assertThat(toDelete).isEnded().hasPassed(AccountCancellationProcess.Elements.EVENT_DELETED);
        assertThat(status.of(deleted.id()))
                .get()
                .extracting(CancellationStatus::status)
                .isEqualTo(State.DELETED);
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", deleted.id()))
                .isZero();

        ProcessInstance next = startAs(withdrawing.admin(), withdrawing.id());
        assertThat(next.getProcessDefinitionId()).isEqualTo(current.getId());
    }

    private ProcessInstance startedAndConfirmed(TestAccount account) {
        ProcessInstance instance = startAs(account.admin(), account.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        // The jobs after the confirmation: the mail, and from version 3 on the billing step before it.
        for (int job = 0;
                job < 2
                        && !runtimeService
                                .getActiveActivityIds(instance.getId())
                                .contains(TIMER_ACCESS_ENDS);
                job++) {
            executeJob(instance);
        }
        assertThat(instance).isWaitingAt(TIMER_ACCESS_ENDS);
        return instance;
    }

    private String versionTagOf(ProcessInstance instance) {
        return repositoryService
                .getProcessDefinition(instance.getProcessDefinitionId())
                .getVersionTag();
    }
}
