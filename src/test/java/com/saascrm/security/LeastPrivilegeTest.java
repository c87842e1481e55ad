package com.saascrm.security;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Least privilege as one table: for each engine-rest resource and action, what each role gets. An account admin
 * (of account A, which has a cancellation running, as has account B), a user of A without settings access, the admin
 * of a trial account, support and operations. A 2xx answer to anyone of an account must say nothing of account B
 * beyond what the request itself named.
 * A new endpoint, or a role that gets more than the table says, shows up here as a failure.
 */
class LeastPrivilegeTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");

    /** The roles in the order they are tried: the admin last, as some of her calls change A's task. */
    enum Role {
        USER,
        TRIAL_ADMIN,
        SUPPORT,
        OPERATIONS,
        ADMIN
    }

    /**
     * method, path, body (JSON, "-" for none, "multipart" for a deployment) and the status for USER, TRIAL_ADMIN,
     * SUPPORT, OPERATIONS and ADMIN. Placeholders: {A}, {B} (account ids), {self} (the caller), {adminA}, {admin2A},
     * {adminB}, {taskA}, {taskB}, {instanceA}, {instanceB}, {jobA}, {definition}, {deployment}, {filter}.
     */
    private static final String TABLE = """
            # user
            GET    /user                                          | -                                                     | 200 200 200 200 200
            GET    /user/{adminB}/profile                         | -                                                     | 404 404 404 404 404
            PUT    /user/{self}/profile                           | {"id":"{self}","firstName":"X","lastName":"Y","email":"x@other.example"} | 403 403 403 403 403
            PUT    /user/{self}/credentials                       | {"password":"new-password-1","authenticatedUserPassword":"test-password"} | 403 403 403 403 403
            DELETE /user/{self}                                   | -                                                     | 403 403 403 403 403
            DELETE /user/{adminB}                                 | -                                                     | 403 403 403 403 403
            POST   /user/create                                   | {"profile":{"id":"intruder","firstName":"I","lastName":"I","email":"i@x.example"},"credentials":{"password":"intruder-1"}} | 403 403 403 403 403
            POST   /user/{adminB}/unlock                          | -                                                     | 403 403 403 403 403
            # group and membership
            GET    /group                                         | -                                                     | 200 200 200 200 200
            POST   /group/create                                  | {"id":"intruders","name":"Intruders","type":"X"}      | 403 403 403 403 403
            PUT    /group/account-admins-{A}                      | {"id":"account-admins-{A}","name":"Renamed","type":"X"} | 404 404 404 404 403
            DELETE /group/account-admins-{A}                      | -                                                     | 403 403 403 403 403
            PUT    /group/account-admins-{B}/members/{self}       | -                                                     | 403 403 403 403 403
            DELETE /group/account-admins-{A}/members/{admin2A}    | -                                                     | 403 403 403 403 403
            # tenant
            GET    /tenant                                        | -                                                     | 200 200 200 200 200
            POST   /tenant/create                                 | {"id":"tenant1","name":"Tenant"}                      | 403 403 403 403 403
            # authorization
            GET    /authorization                                 | -                                                     | 200 200 200 200 200
            POST   /authorization/create                          | {"type":1,"permissions":["ALL"],"userId":"{self}","resourceType":0,"resourceId":"*"} | 403 403 403 403 403
            # filter
            GET    /filter                                        | -                                                     | 200 200 200 200 200
            GET    /filter/{filter}/list                          | -                                                     | 200 200 200 200 200
            POST   /filter/create                                 | {"resourceType":"Task","name":"Mine","query":{}}      | 403 403 403 403 403
            DELETE /filter/{filter}                               | -                                                     | 403 403 403 403 403
            # deployment
            GET    /deployment                                    | -                                                     | 200 200 200 200 200
            POST   /deployment/create                             | multipart                                             | 403 403 403 403 403
            POST   /deployment/{deployment}/redeploy              | {}                                                    | 404 404 404 403 404
            DELETE /deployment/{deployment}                       | -                                                     | 404 404 404 403 404
            # process definition
            GET    /process-definition                            | -                                                     | 200 200 200 200 200
            GET    /process-definition/{definition}/xml           | -                                                     | 403 200 200 200 200
            POST   /process-definition/key/account-cancellation/start | {"businessKey":"{B}"}                             | 404 200 403 403 200
            PUT    /process-definition/{definition}/suspended     | {"suspended":true,"includeProcessInstances":true}    | 403 403 403 403 403
            DELETE /process-definition/{definition}               | -                                                     | 403 403 403 403 403
            # process instance and its variables
            GET    /process-instance                              | -                                                     | 200 200 200 200 200
            GET    /process-instance/{instanceB}                  | -                                                     | 404 404 200 200 404
            GET    /process-instance/{instanceB}/variables        | -                                                     | 403 403 200 200 403
            PUT    /process-instance/{instanceA}/variables/accountId | {"value":"{B}"}                                    | 403 403 403 403 403
            POST   /process-instance/{instanceA}/modification     | {"instructions":[{"type":"startBeforeActivity","activityId":"Task_CancelSubscription"}]} | 403 403 403 403 403
            PUT    /process-instance/{instanceA}/suspended        | {"suspended":true}                                    | 403 403 403 403 403
            DELETE /process-instance/{instanceA}                  | -                                                     | 403 403 403 403 403
            POST   /process-instance/delete                       | {"processInstanceIds":["{instanceA}"],"deleteReason":"x"} | 403 403 403 403 403
            # task and its variables
            GET    /task                                          | -                                                     | 200 200 200 200 200
            GET    /task/{taskB}                                  | -                                                     | 404 404 404 404 404
            GET    /task/{taskA}                                  | -                                                     | 404 404 404 404 200
            GET    /task/{taskA}/variables                        | -                                                     | 403 403 403 403 200
            PUT    /task/{taskA}/variables/accountId              | {"value":"{B}"}                                       | 403 403 403 403 403
            POST   /task/{taskB}/claim                            | {"userId":"{self}"}                                   | 403 403 403 403 403
            POST   /task/{taskA}/assignee                         | {"userId":"{adminB}"}                                 | 403 403 403 403 403
            POST   /task/{taskA}/delegate                         | {"userId":"{admin2A}"}                                | 403 403 403 403 403
            POST   /task/{taskA}/identity-links                   | {"groupId":"account-admins-{B}","type":"candidate"}   | 403 403 403 403 403
            POST   /task/{taskA}/comment/create                   | {"message":"hello"}                                   | 400 400 400 400 400
            POST   /task/{taskA}/bpmnError                        | {"errorCode":"WIZARD_LEFT"}                           | 403 403 403 403 403
            PUT    /task/{taskA}                                  | {"name":"Renamed"}                                    | 404 404 404 404 403
            DELETE /task/{taskA}                                  | -                                                     | 403 403 403 403 403
            POST   /task/create                                   | {"id":"standalone","name":"Mine"}                     | 403 403 403 403 403
            POST   /task/{taskA}/claim                            | {"userId":"{self}"}                                   | 403 403 403 403 204
            GET    /variable-instance                             | -                                                     | 200 200 200 200 200
            # message, signal, condition
            POST   /message                                       | {"messageName":"CancellationAbandonRequested","businessKey":"{B}"} | 403 403 403 403 403
            POST   /message                                       | {"messageName":"CancellationAbandonRequested","businessKey":"no-such-account"} | 403 403 403 403 403
            POST   /signal                                        | {"name":"anything"}                                   | 403 403 403 403 403
            POST   /condition                                     | {"variables":{}}                                      | 403 403 403 403 403
            # job, incident, external task, batch
            GET    /job                                           | -                                                     | 200 200 200 200 200
            PUT    /job/{jobA}/retries                            | {"retries":1}                                         | 403 403 403 204 403
            POST   /job/{jobA}/execute                            | -                                                     | 403 403 403 403 403
            PUT    /job/{jobA}/duedate                            | {"duedate":"2030-01-01T00:00:00.000+0000"}            | 403 403 403 403 403
            PUT    /job/{jobA}/suspended                          | {"suspended":true}                                    | 403 403 403 403 403
            GET    /incident                                      | -                                                     | 200 200 200 200 200
            GET    /external-task                                 | -                                                     | 200 200 200 200 200
            POST   /external-task/fetchAndLock                    | {"workerId":"w","maxTasks":1,"topics":[{"topicName":"t","lockDuration":1000}]} | 200 200 200 200 200
            GET    /batch                                         | -                                                     | 200 200 200 200 200
            POST   /migration/executeAsync                        | {"migrationPlan":{"sourceProcessDefinitionId":"{definition}","targetProcessDefinitionId":"{definition}","instructions":[]},"processInstanceIds":["{instanceB}"]} | 403 403 403 403 403
            # history, metrics, decisions, telemetry
            GET    /history/process-instance                      | -                                                     | 200 200 200 200 200
            GET    /history/variable-instance                     | -                                                     | 200 200 200 200 200
            GET    /history/user-operation                        | -                                                     | 200 200 200 200 200
            DELETE /history/process-instance/{instanceB}          | -                                                     | 403 403 403 403 403
            GET    /metrics/activity-instance/sum                 | -                                                     | 403 403 403 403 403
            GET    /decision-definition                           | -                                                     | 200 200 200 200 200
            GET    /telemetry/data                                | -                                                     | 403 403 403 403 403
            """;

    record Row(HttpMethod method, String path, String body, Map<Role, Integer> expected) {

        @Override
        public String toString() {
            return method + " " + path + (body.equals("-") ? "" : " " + body);
        }
    }

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private RepositoryService repositoryService;

    @Autowired
    private FilterService filterService;

    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Map<Role, String> logins = new LinkedHashMap<>();
    private final List<String> secretsOfB = new ArrayList<>();

    @BeforeEach
    void twoRunningCancellationsAndEveryRole() {
        TestAccount a = accounts.paidAccount("en", PERIOD_END);
        TestAccount b = accounts.paidAccount("en", PERIOD_END);
        TestAccount trial = accounts.trialAccount(PERIOD_END);
        ProcessInstance instanceA = startAs(a.admin(), a.id());
        ProcessInstance instanceB = startAs(b.admin(), b.id());
        ProcessDefinition definition = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .latestVersion()
                .singleResult();
        placeholders.putAll(Map.of(
                "{A}",
                a.id(),
                "{B}",
                b.id(),
                "{adminA}",
                a.admin(),
                "{admin2A}",
                a.secondAdmin(),
                "{adminB}",
                b.admin(),
                "{taskA}",
                taskOf(instanceA).getId(),
                "{taskB}",
                taskOf(instanceB).getId(),
                "{instanceA}",
                instanceA.getId(),
                "{instanceB}",
                instanceB.getId(),
                "{jobA}",
                jobOf(instanceA).getId()));
        placeholders.put("{definition}", definition.getId());
        placeholders.put("{deployment}", definition.getDeploymentId());
        placeholders.put(
                "{filter}",
                filterService
                        .createFilterQuery()
                        .filterName("Cancellation tasks")
                        .singleResult()
                        .getId());
        secretsOfB.addAll(
                List.of(b.id(), b.admin(), instanceB.getId(), taskOf(instanceB).getId()));
        logins.put(Role.USER, a.user());
        logins.put(Role.TRIAL_ADMIN, trial.admin());
        logins.put(Role.SUPPORT, accounts.staffUser(staffIdentities, AccountGroups.SUPPORT));
        logins.put(Role.OPERATIONS, accounts.staffUser(staffIdentities, AccountGroups.OPERATIONS));
        logins.put(Role.ADMIN, a.admin());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void everyRoleGetsWhatTheTableSays(Row row) {
        Map<Role, Integer> actual = new LinkedHashMap<>();
        Map<Role, String> bodies = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            ResponseEntity<String> answer = call(row, logins.get(role));
            actual.put(role, answer.getStatusCode().value());
            bodies.put(role, answer.getBody() == null ? "" : answer.getBody());
        }

        assertThat(actual).as(row.toString()).isEqualTo(row.expected());
        for (Role role : List.of(Role.USER, Role.TRIAL_ADMIN, Role.ADMIN)) {
            String sent = resolve(row.path() + " " + row.body(), logins.get(role));
            List<String> notSent =
                    secretsOfB.stream().filter(secret -> !sent.contains(secret)).toList();
            if (actual.get(role) < 300 && !notSent.isEmpty()) {
                assertThat(bodies.get(role))
                        .as("%s as %s says nothing of account B it was not told", row, role)
                        .doesNotContain(notSent);
            }
        }
    }

    static Stream<Row> table() {
        return TABLE.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> {
                    String[] columns = line.split("\\s*\\|\\s*");
                    String[] request = columns[0].split("\\s+");
                    String[] statuses = columns[2].split("\\s+");
                    Map<Role, Integer> expected = new LinkedHashMap<>();
                    for (Role role : Role.values()) {
                        expected.put(role, Integer.parseInt(statuses[role.ordinal()]));
                    }
                    return new Row(HttpMethod.valueOf(request[0]), request[1], columns[1], expected);
                });
    }

    private ResponseEntity<String> call(Row row, String login) {
        String path = resolve(row.path(), login);
        HttpHeaders headers = new HttpHeaders();
        Object body = null;
        if (row.body().equals("multipart")) {
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("deployment-name", "intruder");
            parts.add("intruder.bpmn", new ByteArrayResource("<definitions/>".getBytes()) {
                @Override
                public String getFilename() {
                    return "intruder.bpmn";
                }
            });
            body = parts;
        } else if (!row.body().equals("-")) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            body = resolve(row.body(), login);
        }
        return rest.withBasicAuth(login, TestAccounts.PASSWORD)
                .exchange("/engine-rest" + path, row.method(), new HttpEntity<>(body, headers), String.class);
    }

    private String resolve(String text, String login) {
        String resolved = text.replace("{self}", login);
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            resolved = resolved.replace(placeholder.getKey(), placeholder.getValue());
        }
        return resolved;
    }
}
