package com.saascrm.cancellation;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the trust boundary into the engine's own services, which every route goes through: engine-rest, Tasklist's
 * forms and the web apps' internal REST all call {@code TaskService}, {@code FormService}, {@code RuntimeService}
 * and {@code ManagementService}.
 * A completion carries only its step's variables ({@link WizardTaskContract}); the routes a wizard user has no use
 * for (writing task variables, BPMN errors and escalations, comments, attachments, deleting tasks,
 * messages, signals and conditions, the engine's metrics) are Camunda
 * admins' only. The application's own calls run without an authenticated user and pass, as the engine's own
 * authorization lets them.
 */
@Component
class EngineApiGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new ContractTaskService());
        configuration.setFormService(new ContractFormService());
        configuration.setRuntimeService(new ContractRuntimeService());
        configuration.setManagementService(new ContractManagementService(configuration));
    }
}
