package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_ACCESS_ENDS;
import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/**
 * The erasure of a cancelled account asked for in Tasklist, with the start form of the process
 * {@code account-erasure-request}: as the API does it, only for an admin of the account or support, with the
 * account id typed again. A refusal is Tasklist's error message, in the requester's language, and starts nothing;
 * the typed confirmation and the certificate's address are kept nowhere in the engine.
 */
class ErasureRequestInTasklistTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2028-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2028-01-31T23:59:59Z");
    private static final Instant ASKED = Instant.parse("2028-01-12T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMIT_FORM = "/camunda/api/engine/engine/default/process-definition/key/"
            + ErasureRequestProcess.PROCESS_KEY + "/submit-form";

    @LocalServerPort
    private int port;

    @Autowired
    private HistoryService historyService;

    private TestAccount account;
    private ProcessInstance cancellation;

    @BeforeEach
    void aCancelledAccount() {
        setClock(NOW);
        account = accounts.paidAccount("en", PERIOD_END);
        cancellation = cancelledInAccessPeriod(account);
        setClock(ASKED);
    }

    @Test
    void anAdminAsksInTasklistAndTheCoolingOffStarts() throws Exception {
        HttpResponse<String> answer = submit(account.admin(), account.id(), account.id(), "privacy@customer.example");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(jobAt(cancellation, TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2028-01-14T08:00:00Z")));
        assertThat(count(
                        "SELECT COUNT(*) FROM erasure_request WHERE account_id = ? AND requested_at = ? "
                                + "AND requested_by_support IS NULL AND certificate_address = ?",
                        account.id(),
                        Timestamp.from(ASKED),
                        "privacy@customer.example"))
                .isOne();
        String requestId = JSON.readTree(answer.body()).path("id").asText();
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(requestId)
                        .singleResult())
                .satisfies(request -> assertThat(request.getBusinessKey()).isEqualTo(account.id()))
                .satisfies(request -> assertThat(request.getEndActivityId()).isEqualTo("Event_ErasureRequested"));
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(requestId)
                        .list())
                .extracting(variable -> variable.getName())
                .containsExactlyInAnyOrder("accountId", "requestedBy");
        assertThat(historyService
                        .createHistoricDetailQuery()
                        .processInstanceId(requestId)
                        .list()
                        .toString())
                .doesNotContain("privacy@customer.example");
    }

    @Test
    void supportAsksForAnAdminAndIsRecorded() throws Exception {
        String support = accounts.staffUser(staffIdentities, AccountGroups.SUPPORT);

        assertThat(submit(support, account.id(), account.id(), null).statusCode())
                .isEqualTo(200);

        assertThat(jdbc.sql("SELECT requested_by_support FROM erasure_request WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .isEqualTo(support);
    }

    @Test
    void aConfirmationThatDoesNotMatchIsToldAndChangesNothing() throws Exception {
        HttpResponse<String> answer = submit(account.admin(), account.id(), account.id() + "x", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(messageOf(answer))
                .isEqualTo("Type the account id " + account.id()
                        + " again, exactly, to confirm the erasure: it cannot be undone.");
        assertNothingAsked(account, cancellation);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(ErasureRequestProcess.PROCESS_KEY)
                        .processInstanceBusinessKey(account.id())
                        .count())
                .as("a refused request starts nothing")
                .isZero();
    }

    @Test
    void anAdminOfAnotherAccountIsRefusedInHerLanguageAndThatAccountIsUntouched() throws Exception {
        TestAccount norwegian = accounts.paidAccount("nb", PERIOD_END);

        HttpResponse<String> answer = submit(norwegian.admin(), account.id(), account.id(), null);
        HttpResponse<String> unknown = submit(norwegian.admin(), "no-such-account", "no-such-account", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(messageOf(answer))
                .contains("Bare en administrator av kontoen " + account.id() + ", eller kundestøtte");
        assertThat(messageOf(unknown))
                .as("an unknown account is answered like another's, so that nobody learns which exist")
                .contains("Bare en administrator av kontoen no-such-account");
        assertNothingAsked(account, cancellation);
        assertThat(accountStatus(norwegian.id())).isEqualTo("ACTIVE");
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", norwegian.id()))
                .isZero();
    }

    @Test
    void anAccountNotCancelledAndABadAddressAreRefused() throws Exception {
        TestAccount active = accounts.paidAccount("en", PERIOD_END);

        HttpResponse<String> notCancelled = submit(active.admin(), active.id(), active.id(), null);
        HttpResponse<String> badAddress = submit(account.admin(), account.id(), account.id(), "not an address");

        assertThat(notCancelled.statusCode()).isEqualTo(400);
        assertThat(messageOf(notCancelled)).contains("can be erased now only after its cancellation");
        assertThat(messageOf(badAddress)).contains("The address for the certificate is not an e-mail address");
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", active.id()))
                .isZero();
        assertThat(accountStatus(active.id())).isEqualTo("ACTIVE");
        assertNothingAsked(account, cancellation);
    }

    private void assertNothingAsked(TestAccount cancelled, ProcessInstance instance) {
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", cancelled.id()))
                .isZero();
        assertThat(managementService
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD)
                        .count())
                .isZero();
        assertThat(jobAt(instance, TIMER_ACCESS_ENDS).getDuedate()).isEqualTo(Date.from(PERIOD_END));
        assertThat(instance).isNotEnded();
    }

    private HttpResponse<String> submit(String login, String accountId, String confirmation, String address)
            throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ErasureRequestProcess.ACCOUNT_ID, Map.of("value", accountId, "type", "String"));
        variables.put(ErasureRequestProcess.CONFIRMATION, Map.of("value", confirmation, "type", "String"));
        if (address != null) {
            variables.put(ErasureRequestProcess.CERTIFICATE_ADDRESS, Map.of("value", address, "type", "String"));
        }
        return WebappSession.inTasklist(port, login)
                .json("POST", SUBMIT_FORM, JSON.writeValueAsString(Map.of("variables", variables)));
    }

    private static String messageOf(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("message").asText();
    }
}
