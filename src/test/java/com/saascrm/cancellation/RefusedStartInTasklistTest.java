package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/**
 * A start from Tasklist that is refused answers an error with the reason in the requester's language, which Tasklist
 * shows instead of "The process has been started"; nothing of the other account changes. A start it takes answers
 * as before.
 */
class RefusedStartInTasklistTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMIT_FORM =
            "/camunda/api/engine/engine/default/process-definition/key/" + PROCESS_KEY + "/submit-form";

    @LocalServerPort
    private int port;

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private HistoryService historyService;

    private TestAccount english;
    private TestAccount norwegian;

    @BeforeEach
    void accounts() {
        english = accounts.paidAccount("en", PERIOD_END);
        norwegian = accounts.paidAccount("nb", PERIOD_END);
    }

    @Test
    void anAdminOfAnotherAccountIsToldWhyInHerLanguageAndTheAccountIsUntouched() throws Exception {
        HttpResponse<String> answer = startFromTasklist(norwegian.admin(), english.id());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(messageOf(answer))
                .isEqualTo("Bare en administrator av kontoen " + english.id()
                        + " kan si den opp, og du er ikke det. Spør en av administratorene, eller sjekk konto-ID-en.");
        assertThat(accountStatus(english.id())).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM cancellation_request WHERE account_id = ?", english.id()))
                .isZero();
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(english.id())
                        .count())
                .isZero();
    }

    @Test
    void aTrialAccountGetsTheTrialGuideAndAnAccountBeingCancelledSaysSo() throws Exception {
        TestAccount trial = accounts.trialAccount(PERIOD_END);

        HttpResponse<String> trialAnswer = startFromTasklist(trial.admin(), trial.id());
        HttpResponse<String> first = startFromTasklist(english.admin(), english.id());
        HttpResponse<String> second = startFromTasklist(english.secondAdmin(), english.id());

        assertThat(trialAnswer.statusCode()).isEqualTo(400);
        assertThat(messageOf(trialAnswer))
                .startsWith("The account " + trial.id() + " is a free trial")
                .endsWith("http://localhost:" + port + "/help/cancel-trial.html");
        assertThat(first.statusCode()).as("an eligible start answers as before").isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("id").asText()).isNotBlank();
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(messageOf(second))
                .isEqualTo(
                        "The account " + english.id()
                                + " is already being cancelled. Its next step is in your task list, or see its status on the billing page.");
    }

    @Test
    void engineRestKeepsItsAnswerForOtherSystems() throws Exception {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> answer = rest.withBasicAuth(norwegian.admin(), TestAccounts.PASSWORD)
                .postForEntity(
                        "/engine-rest/process-definition/key/" + PROCESS_KEY + "/start",
                        new HttpEntity<>("{\"businessKey\": \"" + english.id() + "\"}", json),
                        String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        String instanceId = JSON.readTree(answer.getBody()).path("id").asText();
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(instanceId)
                        .singleResult()
                        .getEndActivityId())
                .isEqualTo(AccountCancellationProcess.Elements.EVENT_REFUSED);
    }

    private HttpResponse<String> startFromTasklist(String login, String accountId) throws Exception {
        return loggedIn(login)
                .json(
                        "POST",
                        SUBMIT_FORM,
                        "{\"variables\": {\"accountId\": {\"value\": \"" + accountId + "\", \"type\": \"String\"}}}");
    }

    private WebappSession loggedIn(String login) throws Exception {
        return WebappSession.inTasklist(port, login);
    }

    private static String messageOf(HttpResponse<String> answer) throws Exception {
        JsonNode error = JSON.readTree(answer.body());
        return error.path("message").asText();
    }
}
