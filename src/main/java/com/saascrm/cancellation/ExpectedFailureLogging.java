package com.saascrm.cancellation;

import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's ERROR log for what needs a person. The engine logs every failed command at ERROR with its stack
 * trace (ENGINE-16004) unless it is an optimistic-locking conflict, a bad request or a refused authorization. Two
 * more are part of normal use here:
 * <ul>
 * <li>refused form input (the wizard's own checks and Camunda's form validators), and a claim of a task that
 * someone else holds: the caller gets 400 with the reason, and one INFO line says so (the engine's own INFO line for
 * the claim carries a stack trace);</li>
 * <li>an entity that is gone when the command looks for it, such as a task another admin completed a moment
 * before: the service that called the engine turns it into the caller's answer and logs that.</li>
 * </ul>
 * Where such a failure is not turned into an answer, engine-rest still logs the 500 at WARN and a failed job
 * still becomes an incident.
 */
@Component
class ExpectedFailureLogging extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ExpectedFailureLogging.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandContextFactory factory = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new QuietAboutExpectedFailures(processEngineConfiguration);
            }
        };
        factory.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(factory);
    }

    private static final class QuietAboutExpectedFailures extends CommandContext {

        QuietAboutExpectedFailures(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
        }

        @Override
        protected boolean shouldLogInfo(Throwable failure) {
            return false;
        }

        @Override
        protected boolean shouldLogFine(Throwable failure) {
            if (failure instanceof FormException) {
                log.info("Refused form input: {}", failure.getMessage());
                return true;
            }
            if (failure instanceof TaskAlreadyClaimedException) {
                log.info("Refused claim: {}", failure.getMessage());
                return true;
            }
            return failure instanceof NullValueException || super.shouldLogFine(failure);
        }
    }
}
