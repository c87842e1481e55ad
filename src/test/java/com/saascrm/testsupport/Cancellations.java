package com.saascrm.testsupport;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** A cancellation through the engine's Java API, as tests, integration tests and benchmarks drive it. */
public final class Cancellations {

    private Cancellations() {}

    /** Starts as {@code login}, authenticated with the login's groups as engine-rest and Tasklist do. */
    public static ProcessInstance startAs(ProcessEngine engine, String login, String accountId) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .toList();
        engine.getIdentityService().setAuthentication(login, groups);
        try {
            return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, accountId);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Completes the three wizard steps with plain valid answers ({@link WizardAnswers#plain()}). */
    public static void completeWizard(ProcessEngine engine, String instanceId) {
        WizardAnswers.plain().complete(engine, instanceId);
    }
}
