package com.saascrm.selfservice;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_CONFIRM_CANCELLATION;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_REVIEW_ACCOUNT_DATA;
import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;
import com.saascrm.testsupport.WizardAnswers;

/**
 * Tasklist reads the wizard's forms, the engine's names and why an answer was not taken in the language of the
 * user's account; engine-rest and the variables stay as the engine has them.
 */
class TasklistInAccountLanguageTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-06-30T23:59:59Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_KEY = Pattern.compile("\"@([^\"]+)\"");

    @LocalServerPort
    private int port;

    @Autowired
    private TestRestTemplate rest;

    private TestAccount norwegian;
    private TestAccount english;

    @BeforeEach
    void accounts() {
        norwegian = accounts.paidAccount("nb", PERIOD_END);
        english = accounts.paidAccount("en", PERIOD_END);
    }

    @Test
    void formsComeInTheAccountsLanguageWithEveryTextFilledIn() throws Exception {
        ProcessInstance olas = startAs(norwegian.admin(), norwegian.id());
        ProcessInstance alices = startAs(english.admin(), english.id());
        assertThat(olas).isWaitingAt(TASK_REVIEW_ACCOUNT_DATA);

        String norwegianForm = loggedIn(norwegian.admin()).get(taskForm(olas)).body();
        String englishForm = loggedIn(english.admin()).get(taskForm(alices)).body();
        String startForm = loggedIn(norwegian.admin())
                .get(engineApi("/process-definition/key/" + PROCESS_KEY + "/deployed-start-form"))
                .body();

        assertThat(labels(norwegianForm)).contains("Hva vil du gjøre?", "Fortsett oppsigelsen", "Behold abonnementet");
        assertThat(norwegianForm).contains("## Gå gjennom kontoen din").doesNotContain("\"@", "Review your account");
        assertThat(labels(englishForm)).contains("What do you want to do?", "Continue to cancel");
        assertThat(englishForm).doesNotContain("\"@", "Gå gjennom");
        assertThat(labels(startForm)).contains("Konto-ID");
    }

    @Test
    void everyTextAFormNamesIsInEveryLanguage() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("bpmn"))) {
            for (Path form :
                    forms.filter(path -> path.toString().endsWith(".form")).toList()) {
                Matcher key = FORM_KEY.matcher(Files.readString(form));
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        }

        assertThat(keys).hasSizeGreaterThan(20);
        assertThat(textsOf("texts/forms.properties").stringPropertyNames()).containsAll(keys);
        assertThat(textsOf("texts/forms_nb.properties").stringPropertyNames())
                .isEqualTo(textsOf("texts/forms.properties").stringPropertyNames());
        assertThat(textsOf("texts/customer_nb.properties").stringPropertyNames())
                .containsAll(textsOf("texts/customer.properties").stringPropertyNames());
    }

    @Test
    void theEnginesNamesReadInNorwegianInTasklistAndStayAsTheyAreInEngineRest() throws Exception {
        WebappSession ola = loggedIn(norwegian.admin());

        JsonNode filters =
                JSON.readTree(ola.get(engineApi("/filter?resourceType=Task")).body());
        JsonNode process = JSON.readTree(ola.get(engineApi("/process-definition?latestVersion=true&key=" + PROCESS_KEY))
                .body());
        JsonNode groups = JSON.readTree(
                ola.get(engineApi("/group?member=" + norwegian.admin())).body());

        assertThat(filters.findValuesAsText("name")).contains("Oppgaver i oppsigelsen");
        assertThat(process.findValuesAsText("name")).containsExactly("Oppsigelse av konto");
        assertThat(groups.findValuesAsText("name"))
                .contains("Administratorer for kontoen " + norwegian.id(), "Kontoadministratorer");
        assertThat(groups.toString()).doesNotContain("Admins of account");

        String fromEngineRest = rest.withBasicAuth(norwegian.admin(), TestAccounts.PASSWORD)
                .getForObject("/engine-rest/process-definition?latestVersion=true&key=" + PROCESS_KEY, String.class);
        assertThat(fromEngineRest).contains("\"Account cancellation\"");
    }

    @Test
    void aMissingConsentSaysWhatToDoInTheAccountsLanguageAndChangesNothing() throws Exception {
        ProcessInstance instance = startAs(norwegian.admin(), norwegian.id());
        completeTask(instance, WizardAnswers.plain().review());
        completeTask(instance, WizardAnswers.plain().reason());
        assertThat(instance).isWaitingAt(TASK_CONFIRM_CANCELLATION);
        String taskId = taskOf(instance).getId();

        HttpResponse<String> answer = loggedIn(norwegian.admin())
                .json(
                        "POST",
                        engineApi("/task/" + taskId + "/submit-form"),
                        "{\"variables\": {\"dataLossConsent\": {\"value\": false, \"type\": \"Boolean\"}}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("message").asText())
                .startsWith("Kryss av i boksen for å bekrefte at du mister tilgangen til dataene");
        assertThat(taskOf(instance).getId()).isEqualTo(taskId);
        assertThat(accountStatus(norwegian.id())).isEqualTo("ACTIVE");
    }

    @Test
    void theOutcomeAfterTheLastStepIsShownToTheAccountsAdminsOnly() throws Exception {
        ProcessInstance instance = startAs(norwegian.admin(), norwegian.id());
        completeTask(instance, WizardAnswers.plain().review());
        completeTask(instance, WizardAnswers.plain().reason());
        completeTask(instance, WizardAnswers.plain().confirmation());

        JsonNode confirming = JSON.readTree(
                loggedIn(norwegian.admin()).get("/account-data/cancellations").body());
        runBillingStep(instance);
        JsonNode cancelled = JSON.readTree(
                loggedIn(norwegian.admin()).get("/account-data/cancellations").body());
        JsonNode forTheOtherAccountsAdmin = JSON.readTree(
                loggedIn(english.admin()).get("/account-data/cancellations").body());
        HttpResponse<String> withoutLogin = new WebappSession(port, "default").get("/account-data/cancellations");

        assertThat(confirming.findValuesAsText("confirming")).containsExactly("true");
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("title").asText()).isEqualTo("Oppsigelsen av " + norwegian.id());
        assertThat(cancelled.get(0).path("lines").get(0).asText())
                .isEqualTo(
                        "Abonnementet er sagt opp. Du har tilgang til alle data til og med 30. juni 2030. Deretter"
                                + " blir kontoen låst, og den slettes permanent med alle data ved utgangen av 30. desember 2030.");
        assertThat(cancelled.get(0).path("exportHref").asText())
                .isEqualTo("/account-data/" + norwegian.id() + "/export");
        assertThat(forTheOtherAccountsAdmin).isEmpty();
        assertThat(withoutLogin.statusCode()).isEqualTo(200);
        assertThat(withoutLogin.body()).isEqualTo("[]");
    }

    private String taskForm(ProcessInstance instance) {
        return engineApi("/task/" + taskOf(instance).getId() + "/deployed-form");
    }

    private static String engineApi(String path) {
        return "/camunda/api/engine/engine/default" + path;
    }

    private WebappSession loggedIn(String login) throws Exception {
        return WebappSession.inTasklist(port, login);
    }

    private static List<String> labels(String form) throws IOException {
        return JSON.readTree(form).findValuesAsText("label");
    }

    private static Properties textsOf(String resource) throws IOException {
        Properties texts = new Properties();
        try (InputStream in =
                TasklistInAccountLanguageTest.class.getClassLoader().getResourceAsStream(resource)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
