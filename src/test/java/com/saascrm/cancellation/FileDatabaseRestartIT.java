package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SUBMIT_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.AccountCancellationApplication;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** With the default file database, a restart keeps running cancellations and their timers. */
class FileDatabaseRestartIT {

    private static final Instant PERIOD_END = Instant.parse("2031-05-31T23:59:59Z");

    @TempDir
    Path dataDirectory;

    @Test
    void runningCancellationAndItsTimerSurviveARestart() {
        String url =
                "jdbc:h2:file:" + dataDirectory.resolve("account-cancellation").toAbsolutePath();
        String accountId;
        String instanceId;
        Job idleTimer;

        try (ConfigurableApplicationContext first = start(url)) {
            ProcessEngine engine = first.getBean(ProcessEngine.class);
            TestAccount account = new TestAccounts(
                            first.getBean(JdbcClient.class), first.getBean(AccountIdentities.class))
                    .paidAccount("en", PERIOD_END);
            accountId = account.id();
            engine.getIdentityService().setAuthentication(account.admin(), List.of(AccountGroups.ALL_ACCOUNT_ADMINS));
            instanceId = engine.getRuntimeService()
                    .startProcessInstanceByKey(PROCESS_KEY, accountId)
                    .getId();
            engine.getIdentityService().clearAuthentication();
            complete(engine, instanceId, Map.of(REVIEW_DECISION.name(), "CONTINUE"));
            idleTimer = engine.getManagementService()
                    .createJobQuery()
                    .processInstanceId(instanceId)
                    .singleResult();
        }

        try (ConfigurableApplicationContext second = start(url)) {
            ProcessEngine engine = second.getBean(ProcessEngine.class);
            assertThat(engine.getRuntimeService()
                            .createProcessInstanceQuery()
                            .processInstanceBusinessKey(accountId)
                            .singleResult()
                            .getId())
                    .isEqualTo(instanceId);
            assertThat(engine.getTaskService()
                            .createTaskQuery()
                            .processInstanceId(instanceId)
                            .singleResult()
                            .getTaskDefinitionKey())
                    .isEqualTo(TASK_SUBMIT_REASON);
            Job timer = engine.getManagementService()
                    .createJobQuery()
                    .processInstanceId(instanceId)
                    .singleResult();
            assertThat(timer.getId()).isEqualTo(idleTimer.getId());
            assertThat(timer.getDuedate()).isEqualTo(idleTimer.getDuedate()).isAfter(new Date());
        }
    }

    private static void complete(ProcessEngine engine, String instanceId, Map<String, Object> variables) {
        String taskId = engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instanceId)
                .singleResult()
                .getId();
        engine.getTaskService().complete(taskId, variables);
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(AccountCancellationApplication.class)
                .profiles("test")
                .web(WebApplicationType.NONE)
                // Arguments, because they outrank application-test.yaml (builder properties do not). Without the
                // web apps and engine-rest: they are not what this test is about, and they keep static state.
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.autoconfigure.exclude=" + CamundaBpmWebappAutoConfiguration.class.getName() + ","
                                + CamundaBpmRestJerseyAutoConfiguration.class.getName(),
                        "--camunda.bpm.generate-unique-process-engine-name=true",
                        "--camunda.bpm.generate-unique-process-application-name=true");
    }
}
