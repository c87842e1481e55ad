package com.saascrm.cancellation;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.saascrm.account.Account;
import com.saascrm.account.Accounts;
import com.saascrm.texts.CustomerTexts;

/**
 * A wizard step is named in the account's language in Tasklist's list and header ({@code task.<step id>} in
 * {@code texts/customer*.properties}); the model keeps its English names for Cockpit and the modeler. Added to every
 * user task of the process as it is parsed, so it holds for each version of the model.
 */
@Component
class TaskNamesInAccountLanguage extends AbstractProcessEnginePlugin {

    private final Accounts accounts;
    private final CustomerTexts texts;

    // Lazy: plugins are made with the engine, before the beans they call are needed.
    TaskNamesInAccountLanguage(@Lazy Accounts accounts, @Lazy CustomerTexts texts) {
        this.accounts = accounts;
        this.texts = texts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && AccountCancellationProcess.PROCESS_KEY.equals(definition.getKey())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition()
                            .addTaskListener(TaskListener.EVENTNAME_CREATE, TaskNamesInAccountLanguage.this::name);
                }
            }
        });
    }

    private void name(DelegateTask task) {
        String language = accounts.find(task.getExecution().getProcessBusinessKey())
                .map(Account::locale)
                .orElse("en");
        task.setName(texts.get("task." + task.getTaskDefinitionKey(), language));
    }
}
