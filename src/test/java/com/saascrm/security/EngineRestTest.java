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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
        ResponseEntity<Map> started =
                as(account.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = (String) started.getBody().get("id");
        assertThat(runtime.getVariable(instanceId, REQUESTED_BY.name())).isEqualTo(account.admin());
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(instanceId)
                        .singleResult()
                        .getTaskDefinitionKey())
                .isEqualTo(TASK_REVIEW_ACCOUNT_DATA);
    }

    @Test
    void startWithoutOrWithWrongCredentialsIsUnauthorizedAndStartsNothing() {
        ResponseEntity<String> anonymous = rest.postForEntity(START, Map.of("businessKey", account.id()), String.class);
        ResponseEntity<String> wrongPassword = rest.withBasicAuth(account.admin(), "wrong")
                .postForEntity(START, Map.of("businessKey", account.id()), String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
    }

    /** Every root resource of engine-rest 7.24; only the engine list is open, as Camunda's filter leaves it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/authorization",
                "/batch",
                "/condition",
                "/decision-definition",
                "/decision-requirements-definition",
                "/deployment",
                "/event-subscription",
                "/execution",
                "/external-task",
                "/filter",
                "/group",
                "/history/process-instance",
                "/history/task",
                "/history/variable-instance",
                "/history/job-log",
                "/history/incident",
                "/history/user-operation",
                "/identity/groups?userId=admin",
                "/incident",
                "/job",
                "/job-definition",
                "/message",
                "/metrics",
                "/migration",
                "/modification",
                "/process-definition",
                "/process-instance",
                "/schema/log",
                "/signal",
                "/task",
                "/telemetry/data",
                "/tenant",
                "/user",
                "/variable-instance",
                "/version",
                "/case-definition",
                "/case-instance",
                "/case-execution"
            })
    void engineRestResourcesNeedCredentials(String resource) {
        ResponseEntity<String> get = rest.getForEntity("/engine-rest" + resource, String.class);
        ResponseEntity<String> post = rest.postForEntity("/engine-rest" + resource, Map.of(), String.class);

        assertThat(get.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void onlyTheEngineListIsOpen() {
        assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void adminOfAnotherAccountReadsNoneOfThisAccountsInstancesOrVariables() {
        String instanceId = (String) as(account.admin())
                .postForEntity(START, Map.of("businessKey", account.id()), Map.class)
                .getBody()
                .get("id");
        TestRestTemplate other = as(accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"))
                .admin());

        assertThat(other.getForEntity("/engine-rest/process-instance/" + instanceId, String.class)
                        .getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(other.getForEntity("/engine-rest/process-instance/" + instanceId + "/variables", String.class)
                        .getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(other.getForObject("/engine-rest/variable-instance?processInstanceIdIn=" + instanceId, String.class))
                .isEqualTo("[]");
        assertThat(other.getForObject(
                        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + account.id(),
                        String.class))
                .isEqualTo("[]");
        assertThat(other.getForObject("/engine-rest/task?processInstanceBusinessKey=" + account.id(), String.class))
                .isEqualTo("[]");
    }

    @Test
    void userWithoutSettingsAccessMayNotStart() {
        ResponseEntity<Map> started =
                as(account.user()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        // Without read access to the definition the key is unknown to the caller.
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .count())
                .isZero();
    }

    @Test
    void startByAdminOfAnotherAccountEndsRefusedAtOnce() {
        TestAccount other = accounts.paidAccount("en", Instant.parse("2030-01-31T23:59:59Z"));

        ResponseEntity<Map> started =
                as(other.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);

        assertRefusedAtOnce(started, "NOT_ACCOUNT_ADMIN");
    }

    @Test
    void startForTrialAccountEndsRefusedAtOnce() {
        TestAccount trial = accounts.trialAccount(Instant.parse("2030-01-31T23:59:59Z"));

        ResponseEntity<Map> started =
                as(trial.admin()).postForEntity(START, Map.of("businessKey", trial.id()), Map.class);

        assertRefusedAtOnce(started, "TRIAL_ACCOUNT");
    }

    @Test
    void invalidTaskCompletionIsABadRequestAndLeavesTheTaskOpen() {
        ResponseEntity<Map> started =
                as(account.admin()).postForEntity(START, Map.of("businessKey", account.id()), Map.class);
        String instanceId = (String) started.getBody().get("id");
        String taskId = taskService
                .createTaskQuery()
                .processInstanceId(instanceId)
                .singleResult()
                .getId();

        ResponseEntity<Map> refused = as(account.admin())
                .postForEntity("/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of()), Map.class);
        ResponseEntity<Map> otherStep = as(account.admin())
                .postForEntity(
                        "/engine-rest/task/" + taskId + "/complete",
                        Map.of("variables", Map.of(DATA_LOSS_CONSENT.name(), Map.of("value", true))),
                        Map.class);
        ResponseEntity<String> completed = as(account.admin())
                .postForEntity(
                        "/engine-rest/task/" + taskId + "/complete",
                        Map.of("variables", Map.of(REVIEW_DECISION.name(), Map.of("value", "CONTINUE"))),
                        String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("reviewDecision is required");
        assertThat(otherStep.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) otherStep.getBody().get("message"))
                .contains(
                        "variable dataLossConsent is not part of step Task_ReviewAccountData, which takes reviewDecision");
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private void assertRefusedAtOnce(ResponseEntity<Map> started, String eligibility) {
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = (String) started.getBody().get("id");
        assertThat(started.getBody().get("ended")).isEqualTo(true);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instanceId)
                        .activityId(EVENT_REFUSED)
                        .count())
                .isEqualTo(1);
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instanceId)
                        .variableName(ELIGIBILITY.name())
                        .singleResult()
                        .getValue())
                .isEqualTo(eligibility);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(instanceId)
                        .count())
                .isZero();
    }

    private TestRestTemplate as(String login) {
        return rest.withBasicAuth(login, TestAccounts.PASSWORD);
    }
}
