package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.erasure.ErasureSignature;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.ClusterNodes;
import com.saascrm.testsupport.FakeDataHolders;
import com.saascrm.testsupport.FakeDataHolders.Received;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The erasure reaches two external data holders, played by a loopback HTTP server: each is asked, signed and with a
 * stable idempotency key, and confirms through the signed callback; the certificate lists them and is mailed before
 * the admins' addresses go. In a JVM of its own, because the holders' addresses are known only once that server
 * listens (a second application context beside the suite's would register a second engine under its name).
 */
class ExternalHolderErasureIT extends ProcessTestBase {

    private static final String SEARCH = "search-index";
    private static final String FILES = "file-storage";
    private static final String SEARCH_SECRET = "search-index-shared-secret-0123456789";
    private static final String FILES_SECRET = "file-storage-shared-secret-0123456789";
    private static final FakeDataHolders HOLDERS = FakeDataHolders.start();

    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-03-31T23:59:59Z");
    private static final Instant ASKED = Instant.parse("2027-03-02T09:00:00Z");
    private static final Instant DUE = Instant.parse("2027-03-04T09:00:00Z");

    @DynamicPropertySource
    static void twoHolders(DynamicPropertyRegistry registry) {
        registry.add("cancellation.erasure.holders[0].name", () -> SEARCH);
        registry.add("cancellation.erasure.holders[0].url", () -> HOLDERS.url(SEARCH));
        registry.add("cancellation.erasure.holders[0].secret", () -> SEARCH_SECRET);
        registry.add("cancellation.erasure.holders[0].deadline", () -> "PT24H");
        registry.add("cancellation.erasure.holders[1].name", () -> FILES);
        registry.add("cancellation.erasure.holders[1].url", () -> HOLDERS.url(FILES));
        registry.add("cancellation.erasure.holders[1].secret", () -> FILES_SECRET);
        registry.add("cancellation.erasure.holders[1].deadline", () -> "PT12H");
        registry.add("cancellation.metrics.refresh-interval", () -> "PT0.2S");
    }

    @Autowired
    private CancellationCommands commands;

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void quietHolders() {
        HOLDERS.reset();
        setClock(NOW);
    }

    @Test
    void bothHoldersConfirmAndTheCertificateListsThem() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = atTheHolders(account, null);

        askEveryHolder(instance);

        for (String holder : List.of(SEARCH, FILES)) {
            Received request = single(HOLDERS.requestsTo(holder));
            JsonNode body = json.readTree(request.body());
            assertThat(body.get("accountId").asText()).isEqualTo(account.id());
            assertThat(request.idempotencyKey()).isEqualTo(body.get("erasureId").asText());
            assertThat(body.get("callbackUrl").asText()).endsWith("/api/erasure-holders/" + holder + "/confirmations");
            ErasureSignature.verify(secretOf(holder), request.signature(), request.body(), DUE);
        }
        assertThat(waitingHolders(instance)).isEqualTo(2);
        assertThat(jobsAt(instance, TASK_ISSUE_ERASURE_CERTIFICATE)).isEmpty();

        assertThat(confirm(FILES, account, Map.of("files", 7L)).getBody()).contains("\"confirmedNow\":true");
        assertThat(confirm(FILES, account, Map.of("files", 7L)).getBody())
                .as("sent again, it changes nothing")
                .contains("\"confirmedNow\":false");
        assertThat(waitingHolders(instance)).isOne();
        assertThat(jobsAt(instance, TASK_ISSUE_ERASURE_CERTIFICATE)).isEmpty();
        assertThat(confirm(SEARCH, account, Map.of("documents", 12L, "index-entries", 340L))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        executeJobsUntilNoneLeft(instance);

        assertThat(instance)
                .isEnded()
                .hasPassed(TASK_ISSUE_ERASURE_CERTIFICATE, TASK_SEND_ERASURE_CERTIFICATE, EVENT_DELETED);
        assertThat(accountStatus(account.id())).isNull();
        Map<String, Object> stored = jdbc.sql(
                        "SELECT certificate, certificate_sha256 FROM erasure_record WHERE account_id = ?")
                .param(account.id())
                .query()
                .singleRow();
        String text = (String) stored.get("certificate");
        assertThat(stored.get("certificate_sha256")).isEqualTo(sha256(text));
        JsonNode certificate = json.readTree(text);
        assertThat(certificate.get("accountId").asText()).isEqualTo(account.id());
        assertThat(certificate.get("grounds").asText()).isEqualTo("REQUEST");
        assertThat(Instant.parse(certificate.get("requestedAt").asText())).isEqualTo(ASKED);
        assertThat(certificate.get("holders").findValuesAsText("holder"))
                .containsExactly("crm-database", FILES, SEARCH);
        assertThat(certificate.get("holders").get(2).get("deleted").toString())
                .isEqualTo("{\"documents\":12,\"index-entries\":340}");
        assertThat(text).doesNotContain(account.email(account.admin()), account.companyName());

        List<MimeMessage> delivered = certificateMails();
        assertThat(delivered).as("one mail, in each admin's mailbox").hasSize(2);
        MimeMessage mail = delivered.get(0);
        assertThat(mail.getSubject())
                .isEqualTo("Erasure certificate of the account " + account.companyName() + " (" + account.id() + ")");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(account.email(account.admin()), account.email(account.secondAdmin()));
        assertThat(Mails.text(mail))
                .contains("The erasure was asked for on March 2, 2027 at 9:00 AM (UTC).")
                .contains("- search-index: documents 12, index-entries 340; confirmed on March 4, 2027")
                .contains("- file-storage: files 7; confirmed on March 4, 2027")
                .contains("SHA-256 of the attached certificate: " + sha256(text));
        assertThat(Mails.html(mail))
                .contains("<li>crm-database: activities 3, deals 3, notes 3, organizations 3, persons 3; confirmed on");
        assertThat(Mails.attachment(mail, "erasure-certificate-" + account.id() + ".json"))
                .isEqualTo(text);

        TestRestTemplate support =
                rest.withBasicAuth(accounts.staffUser(staffIdentities, AccountGroups.SUPPORT), TestAccounts.PASSWORD);
        ResponseEntity<String> fetched =
                support.getForEntity("/api/accounts/" + account.id() + "/erasure-certificate", String.class);
        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fetched.getBody()).isEqualTo(text);
        assertThat(fetched.getHeaders().getFirst("Repr-Digest"))
                .isEqualTo("sha-256=:"
                        + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(text))) + ":");
        TestAccount other = accounts.paidAccount("en", PERIOD_END);
        assertThat(rest.withBasicAuth(other.admin(), TestAccounts.PASSWORD)
                        .getForEntity("/api/accounts/" + account.id() + "/erasure-certificate", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(support.getForEntity("/api/accounts/" + other.id() + "/erasure-certificate", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theHoldersAreAskedSideBySide() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = atTheHolders(account, null);
        List<Job> requests = jobsAt(instance, TASK_REQUEST_HOLDER_ERASURE);
        assertThat(requests)
                .allSatisfy(job -> assertThat(((JobEntity) job).isExclusive())
                        .as("the job executor may run them at once")
                        .isFalse());
        HOLDERS.answerTogether(2);

        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Job job : requests) {
                runs.add(workers.submit(() -> managementService.executeJob(job.getId())));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(HOLDERS.peakInFlight()).as("both requests open at once").isEqualTo(2);
        assertThat(waitingHolders(instance)).isEqualTo(2);
        // Every running cancellation of this test class waits at its holders now: each counts once in the purge.
        long running = runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(AccountCancellationProcess.PROCESS_KEY)
                .count();
        Gauge purge =
                meters.get("cancellation.requests.active").tag("phase", "purge").gauge();
        ClusterNodes.await(
                Duration.ofSeconds(10), () -> purge.value() == running, "the purge phase to count " + running);
    }

    @Test
    void aHolderThatFailsTwiceIsAskedAgainWithTheSameKeyAndTheCertificateGoesWhereTheRequestSaid() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = atTheHolders(account, "privacy@customer.example");
        HOLDERS.answer(SEARCH, 500, 500);
        Job search = jobOf(instance, SEARCH);

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(search.getId()))
                    .hasMessageContaining("The erasure holder 'search-index' answered 500 to the request to erase "
                            + "account '" + account.id() + "'");
        }
        assertThat(managementService
                        .createJobQuery()
                        .jobId(search.getId())
                        .singleResult()
                        .getRetries())
                .isEqualTo(3);
        managementService.executeJob(search.getId());
        managementService.executeJob(jobOf(instance, FILES).getId());

        List<Received> tries = HOLDERS.requestsTo(SEARCH);
        assertThat(tries).hasSize(3);
        assertThat(tries)
                .extracting(Received::idempotencyKey)
                .containsOnly(tries.get(0).idempotencyKey());
        assertThat(tries)
                .extracting(Received::body)
                .allSatisfy(
                        body -> assertThat(json.readTree(body).get("erasureId").asText())
                                .isEqualTo(tries.get(0).idempotencyKey()));
        assertThat(HOLDERS.requestsTo(FILES)).hasSize(1);

        confirm(SEARCH, account, Map.of("documents", 3L));
        confirm(FILES, account, Map.of());
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_DELETED);
        MimeMessage mail = single(certificateMails());
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("privacy@customer.example");
        assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(count("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?", account.id()))
                .isZero();
    }

    @Test
    void aHolderPastItsDeadlineBecomesAnIncidentAndItsLateConfirmationStillCompletesTheErasure() throws Exception {
        TestAccount account = accounts.paidAccount("nb", PERIOD_END);
        ProcessInstance instance = atTheHolders(account, null);
        askEveryHolder(instance);
        confirm(FILES, account, Map.of("files", 2L));
        Job deadline = single(jobsAt(instance, TIMER_HOLDER_DEADLINE_PASSED));
        assertThat(deadline.getDuedate()).isEqualTo(Date.from(DUE.plus(Duration.ofHours(24))));

        setClock(DUE.plus(Duration.ofHours(25)));
        managementService.executeJob(deadline.getId());

        Incident overdue = single(runtimeService
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .incidentType("erasureHolderOverdue")
                .list());
        assertThat(overdue.getActivityId()).isEqualTo(TASK_AWAIT_HOLDER_CONFIRMATION);
        assertThat(overdue.getIncidentMessage())
                .contains(
                        "'search-index' has not confirmed the erasure of account '" + account.id() + "' within PT24H");
        assertThat(jobsAt(instance, TASK_ISSUE_ERASURE_CERTIFICATE))
                .as("the certificate waits for the holder")
                .isEmpty();

        assertThat(confirm(SEARCH, account, Map.of("documents", 1L)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(runtimeService
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        executeJobsUntilNoneLeft(instance);

        assertThat(instance).isEnded().hasPassed(EVENT_DELETED);
        MimeMessage mail = certificateMails().get(0);
        assertThat(mail.getSubject())
                .isEqualTo("Slettebevis for kontoen " + account.companyName() + " (" + account.id() + ")");
        assertThat(Mails.text(mail))
                .contains("Det ble bedt om slettingen 2. mars 2027 kl. 10:00 (Europe/Oslo).")
                .contains("Slettet, per system:")
                .contains("- search-index: documents 1; bekreftet 5. mars 2027 kl. 11:00 (Europe/Oslo)");
    }

    @Test
    void aConfirmationThatIsNotTheHoldersOwnIsRefusedAndChangesNothing() throws Exception {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = atTheHolders(account, null);
        askEveryHolder(instance);
        TestAccount bystander = accounts.paidAccount("en", PERIOD_END);
        String erasureId = erasureIdSentTo(SEARCH);
        String body = body(account.id(), erasureId, Map.of("documents", 1L));

        assertRefused(SEARCH, body, signed(FILES_SECRET, body, DUE), "The signature does not match the body");
        assertRefused(SEARCH, body, null, "The Erasure-Signature header is missing");
        assertRefused(
                SEARCH,
                body,
                signed(SEARCH_SECRET, body, DUE.minus(Duration.ofMinutes(10))),
                "more than 5 minutes from now");
        assertRefused("billing-archive", body, signed(SEARCH_SECRET, body, DUE), "The signature does not match");
        String otherId = body(account.id(), "erasure-" + instance.getId() + "-" + FILES, Map.of("documents", 1L));
        assertRefused(SEARCH, otherId, signed(SEARCH_SECRET, otherId, DUE), "The erasureId is not the one sent");
        String badCounts = body(account.id(), erasureId, Map.of("Customer Names", 1L));
        assertRefused(SEARCH, badCounts, signed(SEARCH_SECRET, badCounts, DUE), "'deleted' counts kinds of data");
        String forBystander = body(bystander.id(), erasureId, Map.of("documents", 1L));
        assertThat(post(SEARCH, forBystander, signed(SEARCH_SECRET, forBystander, DUE))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        String oversized = body + " ".repeat(20_000);
        assertThat(post(SEARCH, oversized, signed(SEARCH_SECRET, oversized, DUE))
                        .getStatusCode())
                .isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);

        assertThat(waitingHolders(instance)).isEqualTo(2);
        assertThat(count(
                        "SELECT COUNT(*) FROM erasure_holder_confirmation WHERE account_id = ? AND confirmed_at IS NULL",
                        account.id()))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM erasure_holder_confirmation WHERE account_id = ?", bystander.id()))
                .isZero();
        assertThat(accountStatus(bystander.id())).isEqualTo("ACTIVE");
        assertThat(accountStatus(account.id())).isEqualTo("LOCKED");
    }

    /** A cancelled account whose erasure was asked for, with the cooling-off over and its CRM data purged. */
    private ProcessInstance atTheHolders(TestAccount account, String certificateAddress) {
        ProcessInstance instance = cancelledInAccessPeriod(account);
        setClock(ASKED);
        commands.requestErasure(account.id(), account.id(), null, certificateAddress);
        managementService.executeJob(jobAt(instance, TASK_SEND_DELETION_REQUEST_NOTICE_IN_ACCESS_PERIOD)
                .getId());
        setClock(DUE);
        managementService.executeJob(
                jobAt(instance, TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD).getId());
        while (!jobsAt(instance, TASK_PURGE_CRM_DATA).isEmpty()) {
            managementService.executeJob(jobAt(instance, TASK_PURGE_CRM_DATA).getId());
        }
        assertThat(jobsAt(instance, TASK_REQUEST_HOLDER_ERASURE)).hasSize(2);
        smtp.reset();
        return instance;
    }

    private void askEveryHolder(ProcessInstance instance) {
        for (Job job : jobsAt(instance, TASK_REQUEST_HOLDER_ERASURE)) {
            managementService.executeJob(job.getId());
        }
    }

    private Job jobOf(ProcessInstance instance, String holder) {
        return jobsAt(instance, TASK_REQUEST_HOLDER_ERASURE).stream()
                .filter(job -> holder.equals(runtimeService.getVariable(job.getExecutionId(), "erasureHolder")))
                .findFirst()
                .orElseThrow();
    }

    private List<Job> jobsAt(ProcessInstance instance, String activityId) {
        return managementService
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activityId)
                .list();
    }

    private long waitingHolders(ProcessInstance instance) {
        return runtimeService
                .createExecutionQuery()
                .processInstanceId(instance.getId())
                .activityId(TASK_AWAIT_HOLDER_CONFIRMATION)
                .count();
    }

    private String erasureIdSentTo(String holder) throws Exception {
        return json.readTree(HOLDERS.requestsTo(holder).get(0).body())
                .get("erasureId")
                .asText();
    }

    private ResponseEntity<String> confirm(String holder, TestAccount account, Map<String, Long> deleted)
            throws Exception {
        String body = body(account.id(), erasureIdSentTo(holder), deleted);
        ResponseEntity<String> answer = post(holder, body, signed(secretOf(holder), body, now()));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer;
    }

    private void assertRefused(String holder, String body, String signature, String detail) {
        ResponseEntity<String> answer = post(holder, body, signature);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains(detail);
    }

    private ResponseEntity<String> post(String holder, String body, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.set(ErasureSignature.HEADER, signature);
        }
        return rest.postForEntity(
                "/api/erasure-holders/" + holder + "/confirmations", new HttpEntity<>(body, headers), String.class);
    }

    private String body(String accountId, String erasureId, Map<String, Long> deleted) throws Exception {
        return json.writeValueAsString(Map.of("accountId", accountId, "erasureId", erasureId, "deleted", deleted));
    }

    private static String signed(String secret, String body, Instant at) {
        return ErasureSignature.sign(secret, at, body);
    }

    private static String secretOf(String holder) {
        return holder.equals(SEARCH) ? SEARCH_SECRET : FILES_SECRET;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** The certificate mail, as the test server stores it: once per recipient. */
    private List<MimeMessage> certificateMails() {
        return List.of(smtp.getReceivedMessages()).stream()
                .filter(mail -> {
                    try {
                        return Mails.text(mail).contains("SHA-256");
                    } catch (RuntimeException e) {
                        return false;
                    }
                })
                .toList();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
