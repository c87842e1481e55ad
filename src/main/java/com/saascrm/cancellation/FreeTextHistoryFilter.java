package com.saascrm.cancellation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

import com.saascrm.cancellation.AccountCancellationProcess.Variables;

/**
 * The wizard's free text passes through process variables for a moment (that is how Tasklist and engine-rest
 * submit it) before it is moved to the domain. With history level "full" the engine would keep every value in
 * ACT_HI_VARINST and ACT_HI_DETAIL for as long as the history lives; this plugin keeps the database history
 * writer from ever seeing those variables, nor the typed confirmation and the certificate's address of an erasure
 * asked for in Tasklist.
 */
@Component
class FreeTextHistoryFilter extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new WithoutFreeText(new DbHistoryEventHandler()));
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    private record WithoutFreeText(HistoryEventHandler database) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable && neverKept(variable.getVariableName())) {
                return;
            }
            // A form submitted through Tasklist or engine-rest is recorded field by field as well.
            if (event instanceof HistoricFormPropertyEventEntity field && neverKept(field.getPropertyId())) {
                return;
            }
            database.handleEvent(event);
        }

        private static boolean neverKept(String name) {
            return Variables.FEEDBACK_ANSWERS.contains(name) || ErasureRequestProcess.NEVER_KEPT.contains(name);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
