package com.saascrm.cancellation;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import com.saascrm.account.AccountLifecycle;

/**
 * Puts the trust boundary into the engine's own services, which every route goes through: engine-rest, Tasklist's
 * forms and the web apps' internal REST all call {@code TaskService}, {@code FormService}, {@code RuntimeService}
 * and {@code ManagementService}.
 * A completion carries only its step's variables ({@link WizardTaskContract}); the routes a wizard user has no use
 * for (writing task variables, BPMN errors and escalations, comments, attachments, deleting tasks,
 * messages, signals and conditions, the engine's metrics) are Camunda
 * admins' only. A step is completed in the account's turn ({@link StepCompletion}). The application's own calls run without an authenticated user and pass, as the engine's own
 * authorization lets them.
 */
@Component
class EngineApiGuard extends AbstractProcessEnginePlugin {

    private final AccountLifecycle lifecycle;

    EngineApiGuard(AccountLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        StepCompletion completion = new StepCompletion(lifecycle::takeTurn);
        configuration.setTaskService(new ContractTaskService(completion));
        configuration.setFormService(new ContractFormService(completion));
        configuration.setRuntimeService(new ContractRuntimeService());
        configuration.setManagementService(new ContractManagementService(configuration));
    }
}
