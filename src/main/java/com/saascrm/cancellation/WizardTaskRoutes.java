package com.saascrm.cancellation;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Puts the trust boundary of the wizard into the engine's own services, which every route to a task goes through:
 * engine-rest, Tasklist's forms and the web apps' internal REST all call {@code TaskService} and {@code FormService}.
 * A completion carries only its step's variables ({@link WizardTaskContract}); the routes a wizard user has no use
 * for (writing task variables, BPMN errors and escalations, comments, attachments) are Camunda admins' only.
 */
@Component
class WizardTaskRoutes extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new ContractTaskService());
        configuration.setFormService(new ContractFormService());
    }
}
