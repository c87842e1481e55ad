package com.saascrm.security;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.EVENT_DELETED;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.EVENT_REFUSED;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONSIDER_RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SUBMIT_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_ID;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_LOCALE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CANCELLATION_REASON;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CRM_DATA_LEFT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.CRM_ROWS_PURGED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DATA_LOSS_CONSENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_REMINDER_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DISCOUNT_PERCENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ELIGIBILITY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.MAIL_TYPE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.OTHER_FEEDBACK;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_MONTHS;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_NOTICE_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PLAN_NAME;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REASON_COMMENT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RECOMMENDATION_SCORE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REPLACEMENT_PRODUCT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUEST_CHANNEL;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_GROUP;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ACCEPTED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.RETENTION_OFFER_ANSWER;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REVIEW_DECISION;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.TARGET_PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.cancellation.WizardTaskContract;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/**
 * The trust boundary from the attacker's side: the admin of one account works on her own wizard and, through every
 * route a task has, tries to write every variable the process reads, at every step, pointed at another account.
 * Each attempt is refused and changes nothing; the other account keeps its rows, gets no mail, no task and keeps its
 * logins; and the attacker's own cancellation still runs to its own end.
 */
class WizardTrustBoundaryTest extends ProcessTestBase {

    /** A String, Java-serialized: engine-rest would read it with Java deserialization if anything let it through. */
    private static final Map<String, Object> JAVA_SERIALIZED_STRING = Map.of(
            "value",
            "rO0ABXQABENPTlRJTlVF",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                    "objectTypeName",
                    "java.lang.String",
                    "serializationDataFormat",
                    "application/x-java-serialized-object"));

    private static final Instant NOW = Instant.parse("2030-01-10T09:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2030-01-31T23:59:59Z");
    /** The attacker's account has been a customer long enough for the retention offer: every step is on its way. */
    private static final List<String> STEPS = List.of(
            TASK_REVIEW_ACCOUNT_DATA, TASK_SUBMIT_REASON, TASK_CONSIDER_RETENTION_OFFER, TASK_CONFIRM_CANCELLATION);

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private HistoryService historyService;

    @Autowired
    private AccountGroups groups;

    @Autowired
    private ObjectMapper json;

    @LocalServerPort
    private int port;

    private TestAccount attacker;
    private TestAccount victim;

    /** Every route by which a worker can write variables of a task, and what it answers when it refuses. */
    enum Route {
        ENGINE_REST_COMPLETE(true, 400),
        ENGINE_REST_SUBMIT_FORM(true, 400),
        ENGINE_REST_PUT_VARIABLE(false, 403),
        ENGINE_REST_MODIFY_VARIABLES(false, 403),
        ENGINE_REST_DELETE_VARIABLE(false, 403),
        ENGINE_REST_PUT_LOCAL_VARIABLE(false, 403),
        ENGINE_REST_MODIFY_LOCAL_VARIABLES(false, 403),
        ENGINE_REST_BPMN_ERROR(false, 403),
        TASKLIST_SUBMIT_FORM(true, 400),
        WEBAPP_COMPLETE(true, 400),
        WEBAPP_PUT_VARIABLE(false, 403),
        WEBAPP_MODIFY_LOCAL_VARIABLES(false, 403);

        /** Whether the route completes the task, and so may carry the step's own variables. */
        final boolean completes;

        final int refusal;

        Route(boolean completes, int refusal) {
            this.completes = completes;
            this.refusal = refusal;
        }
    }

    @BeforeEach
    void attackerAndVictim() {
        setClock(NOW);
        attacker = accounts.paidAccount("en", PERIOD_END);
        victim = accounts.paidAccount("nb", PERIOD_END);
        accounts.customerSince(attacker.id(), LocalDate.of(2027, 1, 1));
        accounts.customerSince(victim.id(), LocalDate.of(2027, 1, 1));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void everyInjectionAtEveryStepIsRefusedAndTheAttackersCancellationRunsToItsOwnEnd(Route route) throws Exception {
        WebappSession tasklist = new WebappSession(port, processEngine.getName());
        assertThat(tasklist.login("tasklist", attacker.admin(), TestAccounts.PASSWORD))
                .isEqualTo(200);
        ProcessInstance instance = startAs(attacker.admin(), attacker.id());

        for (String step : STEPS) {
            Task task = taskOf(instance);
            assertThat(task.getTaskDefinitionKey()).isEqualTo(step);
            Map<String, Object> before = runtimeService.getVariables(instance.getId());
            for (Map.Entry<String, Object> injection : injectionsAt(route, step).entrySet()) {
                int status = send(route, tasklist, task.getId(), step, injection.getKey(), injection.getValue());

                assertThat(status)
                        .as("%s of %s at %s", route, injection.getKey(), step)
                        .isEqualTo(route.refusal);
                assertThat(taskService.createTaskQuery().taskId(task.getId()).count())
                        .as("the task stays open")
                        .isOne();
                assertThat(runtimeService.getVariables(instance.getId()))
                        .as("nothing changed")
                        .isEqualTo(before);
            }
            completeLegitimately(route, tasklist, task.getId(), step);
        }

        runToTheEnd(instance);
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .activityId(EVENT_DELETED)
                        .count())
                .as("the attacker's own account went its own way")
                .isOne();
        assertThat(accountStatus(attacker.id())).isNull();
        assertVictimUntouched();
    }

    /** Even a variable that got past the routes could not move the process: it acts on its business key. */
    @Test
    void variablesPointingAtAnotherAccountHaveNoEffectOnWhatTheProcessTouches() throws Exception {
        ProcessInstance instance = startAs(attacker.admin(), attacker.id());
        for (String step : STEPS) {
            // As if a route had let them through: written by the application itself, which no check stops.
            runtimeService.setVariables(
                    instance.getId(),
                    Map.of(
                            ACCOUNT_ID.name(),
                            victim.id(),
                            REQUESTED_BY.name(),
                            victim.admin(),
                            ACCOUNT_LOCALE.name(),
                            "nb"));
            taskService.complete(taskOf(instance).getId(), legitimateAnswers(step));
        }
        runBillingStep(instance);
        assertThat(accountStatus(attacker.id())).isEqualTo("CANCELLATION_SCHEDULED");
        runtimeService.setVariables(
                instance.getId(), Map.of(ACCOUNT_ID.name(), victim.id(), REQUESTED_BY.name(), victim.admin()));

        runToTheEnd(instance);

        assertThat(accountStatus(attacker.id())).isNull();
        assertVictimUntouched();
    }

    @Test
    void aStartCannotClaimAnotherRequesterOrCarryTheProcesssOwnVariables() throws Exception {
        String start = "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start";
        ResponseEntity<Map> forVictim = asAttacker()
                .postForEntity(
                        start,
                        Map.of(
                                "businessKey",
                                victim.id(),
                                "variables",
                                Map.of(REQUESTED_BY.name(), Map.of("value", victim.admin()))),
                        Map.class);
        Map<String, Object> injected = new LinkedHashMap<>();
        injections().forEach((name, value) -> injected.put(name, Map.of("value", value)));
        ResponseEntity<Map> own = asAttacker()
                .postForEntity(start, Map.of("businessKey", attacker.id(), "variables", injected), Map.class);

        String refusedId = (String) forVictim.getBody().get("id");
        assertThat(historyService
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(refusedId)
                        .activityId(EVENT_REFUSED)
                        .count())
                .isOne();
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(refusedId)
                        .variableName(ELIGIBILITY.name())
                        .singleResult()
                        .getValue())
                .isEqualTo("NOT_ACCOUNT_ADMIN");
        String ownId = (String) own.getBody().get("id");
        assertThat(runtimeService.getVariables(ownId))
                .containsOnlyKeys(
                        ACCOUNT_ID.name(),
                        REQUESTED_BY.name(),
                        ELIGIBILITY.name(),
                        ACCOUNT_LOCALE.name(),
                        REQUEST_CHANNEL.name())
                .containsEntry(ACCOUNT_ID.name(), attacker.id())
                .containsEntry(REQUESTED_BY.name(), attacker.admin())
                .containsEntry(ACCOUNT_LOCALE.name(), "en")
                .containsEntry(REQUEST_CHANNEL.name(), "SUPPORT_TOOL");
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceId(ownId)
                        .taskCandidateGroup(groups.adminsOf(attacker.id()))
                        .count())
                .isOne();
        assertVictimUntouched();
    }

    @Test
    void tasklistsStartFormCannotStartForAnotherAccount() throws Exception {
        WebappSession tasklist = new WebappSession(port, processEngine.getName());
        assertThat(tasklist.login("tasklist", attacker.admin(), TestAccounts.PASSWORD))
                .isEqualTo(200);

        HttpResponse<String> started = tasklist.post(
                tasklist.engineApi("/process-definition/key/" + PROCESS_KEY + "/submit-form"),
                "application/json",
                json.writeValueAsString(Map.of(
                        "variables",
                        Map.of(
                                ACCOUNT_ID.name(),
                                Map.of("value", victim.id()),
                                REQUESTED_BY.name(),
                                Map.of("value", victim.admin())))));

        // Tasklist is told why (RefusedStartInTasklist); the refused request is on record as the attacker's.
        assertThat(started.statusCode()).isEqualTo(400);
        assertThat(json.readTree(started.body()).path("message").asText())
                .startsWith("Only an admin of the account " + victim.id() + " can cancel it");
        String instanceId = historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(victim.id())
                .singleResult()
                .getId();
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instanceId)
                        .variableName(ELIGIBILITY.name())
                        .singleResult()
                        .getValue())
                .isEqualTo("NOT_ACCOUNT_ADMIN");
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(instanceId)
                        .variableName(REQUESTED_BY.name())
                        .singleResult()
                        .getValue())
                .isEqualTo(attacker.admin());
        assertVictimUntouched();
    }

    @Test
    void aMessageForAnotherAccountAnswersAsIfItHadNoCancellation() {
        ProcessInstance victims = startAs(victim.admin(), victim.id());
        Map<String, Object> toVictim =
                Map.of("messageName", "CancellationAbandonRequested", "businessKey", victim.id());
        Map<String, Object> toNobody =
                Map.of("messageName", "CancellationAbandonRequested", "businessKey", "no-such-account");

        ResponseEntity<String> victimsAnswer =
                asAttacker().postForEntity("/engine-rest/message", toVictim, String.class);
        ResponseEntity<String> nobodysAnswer =
                asAttacker().postForEntity("/engine-rest/message", toNobody, String.class);

        assertThat(victimsAnswer.getStatusCode().value()).isEqualTo(403);
        assertThat(victimsAnswer.getBody())
                .isEqualTo(nobodysAnswer.getBody())
                .doesNotContain(victims.getId())
                .doesNotContain(victim.id());
        assertThat(taskOf(victims).getTaskDefinitionKey()).isEqualTo(TASK_REVIEW_ACCOUNT_DATA);
    }

    /** Unclaim needs no right to assign: it gives back one's own claim, and only one's own. */
    @Test
    void anAdminGivesBackHerOwnClaimButNotAnotherAdminsClaim() {
        ProcessInstance instance = startAs(attacker.admin(), attacker.id());
        String unclaim = "/engine-rest/task/" + taskOf(instance).getId() + "/unclaim";
        assertThat(asAttacker()
                        .postForEntity(
                                "/engine-rest/task/" + taskOf(instance).getId() + "/claim",
                                Map.of("userId", attacker.admin()),
                                String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(204);

        ResponseEntity<String> byOtherAdmin = rest.withBasicAuth(attacker.secondAdmin(), TestAccounts.PASSWORD)
                .postForEntity(unclaim, null, String.class);
        assertThat(byOtherAdmin.getStatusCode().value()).isEqualTo(403);
        assertThat(taskOf(instance).getAssignee()).isEqualTo(attacker.admin());

        ResponseEntity<String> byOwner = asAttacker().postForEntity(unclaim, null, String.class);
        assertThat(byOwner.getStatusCode().value()).isEqualTo(204);
        assertThat(taskOf(instance).getAssignee()).isNull();
    }

    @Test
    void completingATaskThatIsGoneIsAClientError() {
        ProcessInstance instance = startAs(attacker.admin(), attacker.id());
        String taskId = taskOf(instance).getId();
        Map<String, Object> body = Map.of("variables", Map.of(REVIEW_DECISION.name(), Map.of("value", "CONTINUE")));
        assertThat(asAttacker()
                        .postForEntity("/engine-rest/task/" + taskId + "/complete", body, String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(204);

        ResponseEntity<Map> again =
                asAttacker().postForEntity("/engine-rest/task/" + taskId + "/complete", body, Map.class);
        ResponseEntity<Map> never =
                asAttacker().postForEntity("/engine-rest/task/no-such-task/submit-form", body, Map.class);

        assertThat(again.getStatusCode().value()).isEqualTo(400);
        assertThat((String) again.getBody().get("message")).contains("is not open");
        assertThat(never.getStatusCode().value()).isEqualTo(400);
        assertThat(taskOf(instance).getTaskDefinitionKey()).isEqualTo(TASK_SUBMIT_REASON);
    }

    @Test
    void aJavaSerializedValueIsRefusedWithoutBeingRead() {
        ProcessInstance instance = startAs(attacker.admin(), attacker.id());

        ResponseEntity<Map> answer = asAttacker()
                .postForEntity(
                        "/engine-rest/task/" + taskOf(instance).getId() + "/complete",
                        Map.of("variables", Map.of(REVIEW_DECISION.name(), JAVA_SERIALIZED_STRING)),
                        Map.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat((String) answer.getBody().get("message")).contains("reviewDecision must be a String");
        assertThat(taskOf(instance).getTaskDefinitionKey()).isEqualTo(TASK_REVIEW_ACCOUNT_DATA);
    }

    @Test
    void aJavaSerializedValueAtTheStartIsAClientError() {
        String definition = "/engine-rest/process-definition/key/" + PROCESS_KEY;

        ResponseEntity<String> start = asAttacker()
                .postForEntity(
                        definition + "/start",
                        Map.of(
                                "businessKey",
                                attacker.id(),
                                "variables",
                                Map.of(REQUEST_CHANNEL.name(), JAVA_SERIALIZED_STRING)),
                        String.class);
        ResponseEntity<String> form = asAttacker()
                .postForEntity(
                        definition + "/submit-form",
                        Map.of("variables", Map.of(ACCOUNT_ID.name(), JAVA_SERIALIZED_STRING)),
                        String.class);

        assertThat(start.getStatusCode().value()).as(start.getBody()).isEqualTo(400);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(400);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(attacker.id())
                        .count())
                .isZero();
    }

    /** Every variable the model, a delegate or a listener reads, set to hurt the other account, and the other steps' answers. */
    private Map<String, Object> injections() {
        Map<String, Object> injections = new LinkedHashMap<>();
        injections.put(ACCOUNT_ID.name(), victim.id());
        injections.put(REQUESTED_BY.name(), victim.admin());
        injections.put(ACCOUNT_LOCALE.name(), "nb");
        injections.put(REQUEST_CHANNEL.name(), "SUPPORT_TOOL");
        injections.put(ELIGIBILITY.name(), "ELIGIBLE");
        injections.put(ACCESS_ENDS_AT.name(), "2020-01-01T00:00:00Z");
        injections.put(DELETION_REMINDER_DUE_AT.name(), "2020-01-01T00:00:00Z");
        injections.put(DELETION_DUE_AT.name(), "2020-01-01T00:00:00Z");
        injections.put(CRM_ROWS_PURGED.name(), 0L);
        injections.put(RETENTION_OFFER.name(), "PAUSE");
        injections.put(RETENTION_GROUP.name(), "OFFERED");
        injections.put(DISCOUNT_PERCENT.name(), 100);
        injections.put(DISCOUNT_MONTHS.name(), 24);
        injections.put(PAUSE_MONTHS.name(), 12);
        injections.put(TARGET_PLAN.name(), "ESSENTIAL");
        injections.put(RETENTION_OFFER_ACCEPTED.name(), true);
        injections.put(RETENTION_OFFER_ANSWER.name(), "ACCEPT");
        injections.put(PAUSE_ENDS_AT.name(), "2020-01-01T00:00:00Z");
        injections.put(PAUSE_NOTICE_DUE_AT.name(), "2020-01-01T00:00:00Z");
        injections.put(CRM_DATA_LEFT.name(), false);
        injections.put(MAIL_TYPE.name(), "LOCKOUT_NOTICE");
        injections.put(PLAN_NAME.name(), "Enterprise");
        injections.put(REVIEW_DECISION.name(), "CONTINUE");
        injections.put(CANCELLATION_REASON.name(), "UNUSED");
        injections.put(REASON_COMMENT.name(), "comment");
        injections.put(REPLACEMENT_PRODUCT.name(), "product");
        injections.put(RECOMMENDATION_SCORE.name(), 5L);
        injections.put(OTHER_FEEDBACK.name(), "feedback");
        injections.put(DATA_LOSS_CONSENT.name(), true);
        return injections;
    }

    /** A completion may carry the step's own variables; a route that writes variables without completing may not. */
    private Map<String, Object> injectionsAt(Route route, String step) {
        Map<String, Object> injections = injections();
        if (route.completes) {
            injections.keySet().removeAll(WizardTaskContract.variablesOf(step));
        }
        return injections;
    }

    private static Map<String, Object> legitimateAnswers(String step) {
        return switch (step) {
            case TASK_REVIEW_ACCOUNT_DATA -> Map.of(REVIEW_DECISION.name(), "CONTINUE");
            case TASK_SUBMIT_REASON -> Map.of(CANCELLATION_REASON.name(), "TOO_EXPENSIVE");
            case TASK_CONSIDER_RETENTION_OFFER -> Map.of(RETENTION_OFFER_ANSWER.name(), "DECLINE");
            case TASK_CONFIRM_CANCELLATION -> Map.of(DATA_LOSS_CONSENT.name(), true);
            default -> throw new IllegalArgumentException(step);
        };
    }

    private int send(Route route, WebappSession tasklist, String taskId, String step, String name, Object value)
            throws Exception {
        Map<String, Object> completion = new LinkedHashMap<>();
        legitimateAnswers(step).forEach((answer, answerValue) -> completion.put(answer, typed(answerValue)));
        completion.put(name, typed(value));
        String task = "/task/" + taskId;
        return switch (route) {
            case ENGINE_REST_COMPLETE ->
                engineRest(HttpMethod.POST, task + "/complete", Map.of("variables", completion));
            case ENGINE_REST_SUBMIT_FORM ->
                engineRest(HttpMethod.POST, task + "/submit-form", Map.of("variables", completion));
            case ENGINE_REST_PUT_VARIABLE -> engineRest(HttpMethod.PUT, task + "/variables/" + name, typed(value));
            case ENGINE_REST_MODIFY_VARIABLES ->
                engineRest(HttpMethod.POST, task + "/variables", Map.of("modifications", Map.of(name, typed(value))));
            case ENGINE_REST_DELETE_VARIABLE -> engineRest(HttpMethod.DELETE, task + "/variables/" + name, null);
            case ENGINE_REST_PUT_LOCAL_VARIABLE ->
                engineRest(HttpMethod.PUT, task + "/localVariables/" + name, typed(value));
            case ENGINE_REST_MODIFY_LOCAL_VARIABLES ->
                engineRest(
                        HttpMethod.POST, task + "/localVariables", Map.of("modifications", Map.of(name, typed(value))));
            case ENGINE_REST_BPMN_ERROR ->
                engineRest(
                        HttpMethod.POST,
                        task + "/bpmnError",
                        Map.of("errorCode", "WIZARD_LEFT", "variables", Map.of(name, typed(value))));
            case TASKLIST_SUBMIT_FORM ->
                tasklist.json(
                                "POST",
                                tasklist.engineApi(task + "/submit-form"),
                                json.writeValueAsString(Map.of("variables", completion)))
                        .statusCode();
            case WEBAPP_COMPLETE ->
                tasklist.json(
                                "POST",
                                tasklist.engineApi(task + "/complete"),
                                json.writeValueAsString(Map.of("variables", completion)))
                        .statusCode();
            case WEBAPP_PUT_VARIABLE ->
                tasklist.json(
                                "PUT",
                                tasklist.engineApi(task + "/variables/" + name),
                                json.writeValueAsString(typed(value)))
                        .statusCode();
            case WEBAPP_MODIFY_LOCAL_VARIABLES ->
                tasklist.json(
                                "POST",
                                tasklist.engineApi(task + "/localVariables"),
                                json.writeValueAsString(Map.of("modifications", Map.of(name, typed(value)))))
                        .statusCode();
        };
    }

    /** The step's own answers through the same route where it completes, else through engine-rest. */
    private void completeLegitimately(Route route, WebappSession tasklist, String taskId, String step)
            throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        legitimateAnswers(step).forEach((name, value) -> answers.put(name, typed(value)));
        String path = "/task/" + taskId
                + (route == Route.ENGINE_REST_SUBMIT_FORM || route == Route.TASKLIST_SUBMIT_FORM
                        ? "/submit-form"
                        : "/complete");
        int status = route == Route.TASKLIST_SUBMIT_FORM || route == Route.WEBAPP_COMPLETE
                ? tasklist.json("POST", tasklist.engineApi(path), json.writeValueAsString(Map.of("variables", answers)))
                        .statusCode()
                : engineRest(HttpMethod.POST, path, Map.of("variables", answers));
        assertThat(status)
                .as("%s completes %s with its own answers", route, step)
                .isEqualTo(204);
    }

    private static Map<String, Object> typed(Object value) {
        return value instanceof Long number ? Map.of("value", number, "type", "Long") : Map.of("value", value);
    }

    private int engineRest(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return asAttacker()
                .exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class)
                .getStatusCode()
                .value();
    }

    private TestRestTemplate asAttacker() {
        return rest.withBasicAuth(attacker.admin(), TestAccounts.PASSWORD);
    }

    /** Executes the instance's jobs in due order, moving the engine clock to each timer, until the instance ends. */
    private void runToTheEnd(ProcessInstance instance) {
        for (int round = 0; round < 1_000; round++) {
            Job next = managementService
                    .createJobQuery()
                    .processInstanceId(instance.getId())
                    .orderByJobDuedate()
                    .asc()
                    .listPage(0, 1)
                    .stream()
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return;
            }
            if (next.getDuedate() != null && next.getDuedate().after(ClockUtil.getCurrentTime())) {
                ClockUtil.setCurrentTime(new Date(next.getDuedate().getTime()));
            }
            managementService.executeJob(next.getId());
        }
        throw new AssertionError("The jobs of " + instance.getId() + " do not come to an end");
    }

    private void assertVictimUntouched() throws MessagingException {
        assertThat(accountStatus(victim.id())).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", victim.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND cancelled_at IS NULL", victim.id()))
                .isOne();
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND plan_code = 'PROFESSIONAL'"
                                + " AND discount_percent IS NULL AND paused_until IS NULL",
                        victim.id()))
                .as("no offer reached the other account's subscription")
                .isOne();
        assertThat(count("SELECT COUNT(*) FROM crm_note WHERE account_id = ?", victim.id()))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM crm_person WHERE account_id = ?", victim.id()))
                .isEqualTo(3);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(victim.id())
                        .list())
                .as("at most a refused attempt")
                .allMatch(attempt -> EVENT_REFUSED.equals(attempt.getEndActivityId()));
        assertThat(taskService
                        .createTaskQuery()
                        .taskCandidateGroup(groups.adminsOf(victim.id()))
                        .count())
                .isZero();
        assertThat(identityService.checkPassword(victim.admin(), TestAccounts.PASSWORD))
                .isTrue();
        assertThat(identityService.checkPassword(victim.secondAdmin(), TestAccounts.PASSWORD))
                .isTrue();
        assertThat(identityService
                        .createGroupQuery()
                        .groupId(groups.adminsOf(victim.id()))
                        .groupMember(victim.admin())
                        .count())
                .isOne();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                    .as("no mail to the other account")
                    .noneMatch(address -> address.contains(victim.id()));
        }
    }
}
