package com.saascrm.security;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/** Who may do what (docs/architecture.md), through engine-rest and through the API that Tasklist and Cockpit use. */
class AuthorizationTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private ProcessEngine engine;

    @LocalServerPort
    private int port;

    private TestAccount accountA;
    private TestAccount accountB;
    private Task taskOfB;

    @BeforeEach
    void twoAccountsWithACancellationOfB() {
        accountA = accounts.paidAccount("en", PERIOD_END);
        accountB = accounts.paidAccount("nb", PERIOD_END);
        startAs(accountA.admin(), accountA.id());
        ProcessInstance instanceOfB = startAs(accountB.admin(), accountB.id());
        taskOfB = taskOf(instanceOfB);
    }

    @Test
    void adminOfAccountASeesAndTouchesNoneOfAccountBsTasksThroughEngineRest() {
        ResponseEntity<Map[]> tasks = as(accountA.admin()).getForEntity("/engine-rest/task", Map[].class);
        ResponseEntity<String> variables =
                as(accountA.admin()).getForEntity("/engine-rest/task/" + taskOfB.getId() + "/variables", String.class);
        ResponseEntity<String> claim = as(accountA.admin())
                .postForEntity(
                        "/engine-rest/task/" + taskOfB.getId() + "/claim",
                        Map.of("userId", accountA.admin()),
                        String.class);
        ResponseEntity<String> complete = as(accountA.admin())
                .postForEntity(
                        "/engine-rest/task/" + taskOfB.getId() + "/complete",
                        Map.of("variables", Map.of(REVIEW_DECISION.name(), Map.of("value", "CONTINUE"))),
                        String.class);
        ResponseEntity<String> instances = as(accountA.admin())
                .getForEntity("/engine-rest/process-instance?businessKey=" + accountB.id(), String.class);

        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getBody())
                .isNotEmpty()
                .noneMatch(task -> taskOfB.getId().equals(task.get("id")));
        assertThat(variables.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(claim.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(complete.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(instances.getBody()).isEqualTo("[]");
        assertTaskOfBUntouched();
    }

    @Test
    void adminOfAccountASeesAndTouchesNoneOfAccountBsTasksInTasklist() throws Exception {
        WebappSession tasklist = new WebappSession(port, engine.getName());
        assertThat(tasklist.login("tasklist", accountA.admin(), TestAccounts.PASSWORD))
                .isEqualTo(200);

        HttpResponse<String> tasks = tasklist.get(tasklist.engineApi("/task?processDefinitionKey=" + PROCESS_KEY));
        HttpResponse<String> claim = tasklist.post(
                tasklist.engineApi("/task/" + taskOfB.getId() + "/claim"),
                "application/json",
                "{\"userId\":\"" + accountA.admin() + "\"}");
        HttpResponse<String> complete = tasklist.post(
                tasklist.engineApi("/task/" + taskOfB.getId() + "/complete"),
                "application/json",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"CONTINUE\"}}}");

        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains("Task_ReviewAccountData").doesNotContain(taskOfB.getId());
        assertThat(claim.statusCode()).isIn(403, 404);
        assertThat(complete.statusCode()).isIn(403, 404);
        assertTaskOfBUntouched();
    }

    @Test
    void userWithoutSettingsAccessCanNeitherStartNorSeeACancellation() throws Exception {
        ResponseEntity<String> start = as(accountB.user())
                .postForEntity(
                        "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start",
                        Map.of("businessKey", accountB.id()),
                        String.class);
        ResponseEntity<String> tasks = as(accountB.user()).getForEntity("/engine-rest/task", String.class);
        ResponseEntity<String> instances =
                as(accountB.user()).getForEntity("/engine-rest/process-instance", String.class);
        int tasklistLogin =
                new WebappSession(port, engine.getName()).login("tasklist", accountB.user(), TestAccounts.PASSWORD);

        assertThat(start.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(tasks.getBody()).isEqualTo("[]");
        assertThat(instances.getBody()).isEqualTo("[]");
        assertThat(tasklistLogin).as("no access to Tasklist at all").isIn(401, 403);
    }

    @Test
    void operationsSeeEveryCancellationButCannotCompleteAWizardTask() throws Exception {
        String operations = accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS);

        ResponseEntity<String> instances = as(operations)
                .getForEntity("/engine-rest/process-instance?processDefinitionKey=" + PROCESS_KEY, String.class);
        ResponseEntity<String> complete = as(operations)
                .postForEntity(
                        "/engine-rest/task/" + taskOfB.getId() + "/complete",
                        Map.of("variables", Map.of(REVIEW_DECISION.name(), Map.of("value", "CONTINUE"))),
                        String.class);
        int cockpitLogin =
                new WebappSession(port, engine.getName()).login("cockpit", operations, TestAccounts.PASSWORD);
        int tasklistLogin =
                new WebappSession(port, engine.getName()).login("tasklist", operations, TestAccounts.PASSWORD);

        assertThat(instances.getBody()).contains(accountA.id()).contains(accountB.id());
        assertThat(complete.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(cockpitLogin).isEqualTo(200);
        assertThat(tasklistLogin).isIn(401, 403);
        assertTaskOfBUntouched();
    }

    @Test
    void supportSeesTheStatusInCockpit() throws Exception {
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);

        ResponseEntity<String> instances =
                as(support).getForEntity("/engine-rest/process-instance?businessKey=" + accountB.id(), String.class);

        assertThat(instances.getBody()).contains(accountB.id());
        assertThat(new WebappSession(port, engine.getName()).login("cockpit", support, TestAccounts.PASSWORD))
                .isEqualTo(200);
    }

    @Test
    void firstRunSetupEndpointCreatesNoUser() throws Exception {
        long usersBefore = identityService.createUserQuery().count();

        HttpResponse<String> setup = new WebappSession(port, engine.getName())
                .post(
                        "/camunda/api/admin/setup/" + engine.getName() + "/user/create",
                        "application/json",
                        "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"I\",\"email\":\"i@example.com\"},"
                                + "\"credentials\":{\"password\":\"intruder-password\"}}");

        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
        assertThat(identityService.createUserQuery().count()).isEqualTo(usersBefore);
    }

    private void assertTaskOfBUntouched() {
        Task task = taskService.createTaskQuery().taskId(taskOfB.getId()).singleResult();
        assertThat(task).isNotNull();
        assertThat(task.getAssignee()).isNull();
    }

    private TestRestTemplate as(String login) {
        return rest.withBasicAuth(login, TestAccounts.PASSWORD);
    }
}
