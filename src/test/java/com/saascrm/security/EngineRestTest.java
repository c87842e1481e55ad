package com.saascrm.security;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.EVENT_REFUSED;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ELIGIBILITY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** engine-rest asks for HTTP Basic credentials and starts processes as the authenticated user. */
class EngineRestTest extends ProcessTestBase {

    private static final String START = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start";

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private RuntimeService runtime;

    private TestAccount account;

    @BeforeEach
    void createAccount() {
        account = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));
    }

    @Test
    void adminStartsTheWizardAndIsRecordedAsInitiator() {
        ResponseEntity<Map> started = as(account.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = (String) started.getBody().get("id");
        assertThat(runtime.getVariable(instanceId, REQUESTED_BY.name())).isEqualTo(account.admin());
        assertThat(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getTaskDefinitionKey())
                .isEqualTo(TASK_REVIEW_ACCOUNT_DATA);
    }

    @Test
    void startWithoutOrWithWrongCredentialsIsUnauthorizedAndStartsNothing() {
        ResponseEntity<String> anonymous = rest.postForEntity(START, Map.of("businessKey", account.id()), String.class);
        ResponseEntity<String> wrongPassword = rest.withBasicAuth(account.admin(), "wrong")
                .postForEntity(START, Map.of("businessKey", account.id()), String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(account.id()).count()).isZero();
    }

    @Test
    void engineRestResourcesNeedCredentials() {
        for (String path : new String[] {"/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/process-definition"}) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void userWithoutSettingsAccessMayNotStart() {
        ResponseEntity<Map> started = as(account.user()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        // Without read access to the definition the key is unknown to the caller.
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(account.id()).count()).isZero();
    }

    @Test
    void startByAdminOfAnotherAccountEndsRefusedAtOnce() {
        TestAccount other = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));

        ResponseEntity<Map> started = as(other.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        assertRefusedAtOnce(started, "NOT_ACCOUNT_ADMIN");
    }

    @Test
    void startForTrialAccountEndsRefusedAtOnce() {
        TestAccount trial = accounts.trialAccount(Instant.parse("2030-01-31T23:59:59Z"));

        ResponseEntity<Map> started = as(trial.admin()).postForEntity(START, Map.of("businessKey", trial.id()), Map.class);

        assertRefusedAtOnce(started, "TRIAL_ACCOUNT");
    }

    @Test
    void invalidTaskCompletionIsABadRequestAndLeavesTheTaskOpen() {
        ResponseEntity<Map> started = as(account.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);
        String instanceId = (String) started.getBody().get("id");
        String taskId = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();

        ResponseEntity<Map> refused = as(account.admin()).postForEntity("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of(DATA_LOSS_CONSENT.name(), Map.of("value", true))), Map.class);
        ResponseEntity<String> completed = as(account.admin()).postForEntity("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of(REVIEW_DECISION.name(), Map.of("value", "CONTINUE"))), String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("reviewDecision is required");
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private void assertRefusedAtOnce(ResponseEntity<Map> started, String eligibility) {
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = (String) started.getBody().get("id");
        assertThat(started.getBody().get("ended")).isEqualTo(true);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .activityId(EVENT_REFUSED).count()).isEqualTo(1);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName(ELIGIBILITY.name()).singleResult().getValue()).isEqualTo(eligibility);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
    }

    private TestRestTemplate as(String login) {
        return rest.withBasicAuth(login, TestAccounts.PASSWORD);
    }
}
