package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.saascrm.account.Accounts;
import com.saascrm.account.RetentionFacts;
import com.saascrm.api.client.DirectoryFeedApi;
import com.saascrm.api.client.model.AccountPut;
import com.saascrm.api.client.model.BillingPut;
import com.saascrm.api.client.model.UserPut;
import com.saascrm.api.client.model.WriteOutcome;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The CRM's backend feeds accounts and users: writes are idempotent, an older version changes nothing, the
 * members' Camunda identities follow, bad entries are refused with nothing written, and nobody but the feed writes.
 */
class DirectoryFeedTest extends ProcessTestBase {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private Accounts accountRecords;

    private ApiClient feed;
    private String feedLogin;
    /** Ids of this run: a PostgreSQL test database outlives one run. */
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @BeforeEach
    void feedLogin() {
        feedLogin = accounts.staffUser(staffIdentities, AccountGroups.DIRECTORY_FEED);
        feed = new ApiClient(rest, feedLogin, TestAccounts.PASSWORD);
    }

    @Test
    void anAccountIsCreatedThenChangedOnlyByNewerVersions() {
        assertOutcome(putAccount("nordic-fish-" + run, "Nordic Fish AS", 10), 201, "CREATED");
        assertOutcome(putAccount("nordic-fish-" + run, "Nordic Fish AS", 10), 200, "UNCHANGED");
        assertOutcome(putAccount("nordic-fish-" + run, "Nordic Fish Group AS", 30), 200, "CHANGED");
        assertOutcome(putAccount("nordic-fish-" + run, "Nordic Fish (old name)", 20), 200, "OUTDATED");

        assertThat(jdbc.sql(
                                "SELECT company_name || '|' || locale || '|' || time_zone || '|' || status FROM account WHERE id = ?")
                        .param("nordic-fish-" + run)
                        .query(String.class)
                        .single())
                .isEqualTo("Nordic Fish Group AS|nb|Europe/Oslo|ACTIVE");
        assertThat(count(
                        "SELECT COUNT(*) FROM subscription WHERE account_id = ? AND plan_code = 'ADVANCED'",
                        "nordic-fish-" + run))
                .isOne();
    }

    @Test
    void usersJoinChangeAndLeaveAndTheirCamundaIdentitiesFollow() {
        putAccount("fjord-ai-" + run, "Fjord AI", 1);
        String admins = "account-admins-fjord-ai-" + run;
        String users = "account-users-fjord-ai-" + run;

        assertOutcome(putUser("fjord-ai-" + run, kari(), true, 5), 201, "CREATED");
        assertThat(groupsOf(kari()))
                .contains(admins, AccountGroups.ALL_ACCOUNT_ADMINS)
                .doesNotContain(users);
        assertOutcome(putUser("fjord-ai-" + run, kari(), true, 5), 200, "UNCHANGED");

        Map<String, Object> renamed = user(false, 7);
        renamed.put("email", "kari.nordmann@crm.example");
        assertOutcome(put("/api/directory/accounts/fjord-ai-" + run + "/users/" + kari(), renamed), 200, "CHANGED");
        assertThat(identityService
                        .createUserQuery()
                        .userId(kari())
                        .singleResult()
                        .getEmail())
                .isEqualTo("kari.nordmann@crm.example");
        assertThat(groupsOf(kari())).contains(users).doesNotContain(admins, AccountGroups.ALL_ACCOUNT_ADMINS);
        assertThat(count("SELECT COUNT(*) FROM account_membership WHERE login = ? AND settings_access", kari()))
                .isZero();

        assertOutcome(
                feed.delete("/api/directory/accounts/fjord-ai-" + run + "/users/kari-" + run + "?version=6"),
                200,
                "OUTDATED");
        assertOutcome(
                feed.delete("/api/directory/accounts/fjord-ai-" + run + "/users/kari-" + run + "?version=9"),
                200,
                "CHANGED");
        assertThat(count("SELECT COUNT(*) FROM app_user WHERE login = ?", kari()))
                .isZero();
        assertThat(identityService.createUserQuery().userId(kari()).count()).isZero();
        assertOutcome(
                feed.delete("/api/directory/accounts/fjord-ai-" + run + "/users/kari-" + run + "?version=9"),
                200,
                "UNCHANGED");

        assertOutcome(putUser("fjord-ai-" + run, kari(), true, 8), 200, "OUTDATED");
        assertThat(count("SELECT COUNT(*) FROM app_user WHERE login = ?", kari()))
                .as("a late write brings nobody back")
                .isZero();
        assertOutcome(putUser("fjord-ai-" + run, kari(), true, 10), 201, "CREATED");
        assertThat(groupsOf(kari())).contains(admins);
    }

    @Test
    void theBillingProvidersIdsAreKeptAndASubscriptionBelongsToOneAccount() {
        String id = "billed-" + run;
        Map<String, Object> withIds = account("Billed AS", 1);
        withIds.put("billing", Map.of("customerId", "cus_" + run, "subscriptionId", "sub_" + run));
        assertOutcome(put("/api/directory/accounts/" + id, withIds), 201, "CREATED");
        assertOutcome(putAccount(id, "Billed AS (renamed)", 2), 200, "CHANGED");

        assertThat(jdbc.sql(
                                "SELECT billing_customer_id || '|' || billing_subscription_id FROM subscription WHERE account_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("cus_" + run + "|sub_" + run);

        Map<String, Object> badIds = account("Billed AS", 3);
        badIds.put("billing", Map.of("customerId", "cus_1'; DROP TABLE subscription; --"));
        ApiClient.Answer refused = put("/api/directory/accounts/" + id, badIds);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.response().getBody()).contains("billing.customerId").doesNotContain("DROP TABLE");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ? AND crm_version = 2", id))
                .isOne();

        String other = "other-billed-" + run;
        Map<String, Object> takesItsSubscription = account("Other AS", 1);
        takesItsSubscription.put("billing", Map.of("customerId", "cus_other", "subscriptionId", "sub_" + run));
        ApiClient.Answer taken = put("/api/directory/accounts/" + other, takesItsSubscription);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.text("detail"))
                .as("names neither the other account nor its subscription")
                .isEqualTo("billing.subscriptionId: the subscription belongs to another account");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", other))
                .as("nothing created")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE billing_subscription_id = ?", "sub_" + run))
                .as("the subscription stays the first account's alone")
                .isOne();
    }

    @Test
    void sinceWhenAnAccountIsACustomerIsKeptAsAFactOfTheRetentionOffer() {
        String id = "since-" + run;
        Map<String, Object> entry = account("Since AS", 1);
        entry.put("customerSince", "2024-01-15");
        assertOutcome(put("/api/directory/accounts/" + id, entry), 201, "CREATED");
        assertOutcome(putUser(id, "since-admin-" + run, true, 1), 201, "CREATED");
        assertOutcome(putUser(id, "since-user-" + run, false, 1), 201, "CREATED");
        LocalDate today = LocalDate.parse("2026-11-27");

        assertThat(accountRecords.retentionFactsOf(id, today)).contains(new RetentionFacts("ADVANCED", 34, 2, false));

        assertOutcome(putAccount(id, "Since AS", 2), 200, "CHANGED");
        assertThat(accountRecords.retentionFactsOf(id, today))
                .as("a write without it keeps it")
                .contains(new RetentionFacts("ADVANCED", 34, 2, false));

        Map<String, Object> future = account("Since AS", 3);
        future.put("customerSince", LocalDate.now().plusDays(2).toString());
        ApiClient.Answer refused = put("/api/directory/accounts/" + id, future);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.response().getBody()).contains("customerSince");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ? AND crm_version = 2", id))
                .isOne();

        String unknown = "since-unknown-" + run;
        assertOutcome(putAccount(unknown, "Unknown AS", 1), 201, "CREATED");
        assertThat(accountRecords.retentionFactsOf(unknown, today))
                .contains(new RetentionFacts("ADVANCED", null, 0, false));
    }

    @Test
    void anAdminWhoLosesSettingsAccessMidWizardCannotGoOnByAnyRoute() {
        TestAccount account = accounts.paidAccount("en", PERIOD_END);
        ApiClient admin = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        assertThat(admin.post("/api/accounts/" + account.id() + "/cancellation").status())
                .isEqualTo(201);
        String review = taskService
                .createTaskQuery()
                .processInstanceBusinessKey(account.id())
                .singleResult()
                .getId();

        assertOutcome(putUser(account.id(), account.admin(), false, 1), 200, "CHANGED");

        Map<String, Object> answer = Map.of("variables", Map.of("reviewDecision", Map.of("value", "CONTINUE")));
        assertThat(admin.postJson("/engine-rest/task/" + review + "/complete", answer)
                        .status())
                .isEqualTo(403);
        assertThat(admin.postJson("/engine-rest/task/" + review + "/submit-form", answer)
                        .status())
                .isEqualTo(403);
        assertThat(admin.postJson("/engine-rest/task/" + review + "/claim", Map.of("userId", account.admin()))
                        .status())
                .isEqualTo(403);
        assertThat(admin.get("/engine-rest/task?processInstanceBusinessKey=" + account.id())
                        .json()
                        .size())
                .isZero();
        assertThat(admin.delete("/api/accounts/" + account.id() + "/cancellation")
                        .status())
                .isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee())
                .isNull();
        assertThat(taskService.createTaskQuery().taskId(review).count())
                .as("the step is still open")
                .isOne();
    }

    @Test
    void onlyTheFeedWritesAndAnAttackerChangesNoAccount() {
        TestAccount victim = accounts.paidAccount("en", PERIOD_END);
        TestAccount attackers = accounts.paidAccount("en", PERIOD_END);
        String before = accountRow(victim.id());
        ApiClient admin = new ApiClient(rest, attackers.admin(), TestAccounts.PASSWORD);
        ApiClient support =
                new ApiClient(rest, accounts.staffUser(staffIdentities, AccountGroups.SUPPORT), TestAccounts.PASSWORD);

        for (ApiClient caller : new ApiClient[] {admin, support}) {
            assertThat(caller.exchange(
                                    HttpMethod.PUT,
                                    "/api/directory/accounts/" + victim.id(),
                                    account("Taken over", 99),
                                    MediaType.APPLICATION_JSON)
                            .status())
                    .isEqualTo(403);
            assertThat(caller.exchange(
                                    HttpMethod.PUT,
                                    "/api/directory/accounts/" + victim.id() + "/users/" + attackers.admin(),
                                    user(true, Long.MAX_VALUE),
                                    MediaType.APPLICATION_JSON)
                            .status())
                    .isEqualTo(403);
            assertThat(caller.delete("/api/directory/accounts/" + victim.id() + "/users/" + victim.admin() + "?version="
                                    + Long.MAX_VALUE)
                            .status())
                    .isEqualTo(403);
            assertThat(caller.exchange(
                                    HttpMethod.POST,
                                    "/api/directory/accounts",
                                    line("mallory-co-" + run, "Mallory", 1),
                                    NDJSON)
                            .status())
                    .isEqualTo(403);
        }
        assertThat(new ApiClient(rest, null, null)
                        .exchange(
                                HttpMethod.PUT,
                                "/api/directory/accounts/" + victim.id(),
                                account("Taken over", 99),
                                MediaType.APPLICATION_JSON)
                        .status())
                .isEqualTo(401);

        assertThat(accountRow(victim.id())).isEqualTo(before);
        assertThat(isAdmin(victim.id(), attackers.admin())).isFalse();
        assertThat(isAdmin(victim.id(), victim.admin())).isTrue();
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", "mallory-co-" + run))
                .isZero();
    }

    @Test
    void badEntriesAre400WithTheReasonAndWriteNothing() {
        Map<String, Object> unknownPlan = account("Bad Plan AS", 1);
        unknownPlan.put("plan", "PLATINUM");
        Map<String, Object> badZone = account("Bad Zone AS", 1);
        badZone.put("timeZone", "Mars/Olympus");
        Map<String, Object> badLocale = account("Bad Locale AS", 1);
        badLocale.put("locale", "de");
        Map<String, Object> negative = account("Negative AS", -1);

        assertProblem(put("/api/directory/accounts/bad-co-" + run, unknownPlan), "Unknown plan 'PLATINUM'");
        assertProblem(put("/api/directory/accounts/bad-co-" + run, badZone), "Unknown time zone 'Mars/Olympus'");
        assertProblem(put("/api/directory/accounts/bad-co-" + run, badLocale), "account.locale must be en or nb");
        assertProblem(
                put("/api/directory/accounts/bad-co-" + run, negative),
                "account.version must be greater than or equal to 0");
        assertProblem(put("/api/directory/accounts/Bad_Co-" + run, account("Bad Id", 1)), "lowercase");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id IN (?, ?)", "bad-co-" + run, "Bad_Co-" + run))
                .isZero();

        putAccount("good-co-" + run, "Good Co", 1);
        Map<String, Object> badEmail = user(true, 1);
        badEmail.put("email", "not-an-address");
        assertProblem(
                put("/api/directory/accounts/good-co-" + run + "/users/ola-" + run, badEmail),
                "user.email must be a well-formed email address");
        assertThat(put("/api/directory/accounts/no-such-co-" + run + "/users/ola-" + run, user(true, 1))
                        .status())
                .isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM app_user WHERE login = ?", "ola-" + run))
                .isZero();
    }

    @Test
    void theFirstLoadStoresGoodLinesRefusesBadOnesAndCanBeSentAgain() {
        String good = IntStream.rangeClosed(1, 200)
                .mapToObj(i -> line("load-" + run + "-" + i, "Load " + i + " AS", 1))
                .collect(Collectors.joining("\n"));
        String stream = good
                + "\n{not json\n"
                + line("load-" + run + "-bad-plan", "Bad", 1).replace("ADVANCED", "PLATINUM") + "\n"
                + line("load-" + run + "-bad-mail", "Bad", 1).replace("@crm.example", "") + "\n"
                + "\n"
                + "{\"id\": \"load-x\", \"account\": {\"trial\": \"maybe\"}, \"users\": {}}\n"
                + "{\"id\": \"" + "x".repeat(DirectoryBulkLoad.MAX_LINE_CHARS) + "\"}\n";

        ApiClient.Answer first = feed.exchange(HttpMethod.POST, "/api/directory/accounts", stream, NDJSON);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("lines").asLong()).isEqualTo(206);
        assertThat(first.json().at("/accounts/created").asLong()).isEqualTo(200);
        assertThat(first.json().at("/users/created").asLong()).isEqualTo(400);
        assertThat(first.json().path("refused").asLong()).isEqualTo(5);
        assertThat(first.json().path("firstRefused").toString())
                .contains("{\"line\":201,\"reason\":\"not a JSON object\"}")
                .contains("{\"line\":202,\"reason\":\"Unknown plan 'PLATINUM'\"}")
                .contains("\"line\":203,\"reason\":\"users[load-" + run
                        + "-bad-mail-admin].email: must be a well-formed email address")
                .contains("{\"line\":205,\"reason\":\"the value at 'account.trial' cannot be read\"}")
                .contains("{\"line\":206,\"reason\":\"longer than " + DirectoryBulkLoad.MAX_LINE_CHARS
                        + " characters\"}");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id LIKE ?", "load-" + run + "-%"))
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM account_membership WHERE account_id LIKE ?", "load-" + run + "-%"))
                .isEqualTo(400);
        assertThat(isAdmin("load-" + run + "-17", "load-" + run + "-17-admin")).isTrue();

        ApiClient.Answer again = feed.exchange(HttpMethod.POST, "/api/directory/accounts", stream, NDJSON);
        assertThat(again.json().at("/accounts/unchanged").asLong()).isEqualTo(200);
        assertThat(again.json().at("/users/unchanged").asLong()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM account WHERE id LIKE ?", "load-" + run + "-%"))
                .isEqualTo(200);
    }

    @Test
    void theSameNewAccountSentTwiceAtOnceIsCreatedOnceAndBothAnswersAreDocumented() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String path = "/api/directory/accounts/twice-" + run + "-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ApiClient.Answer>> answers = new ArrayList<>();
                for (int caller = 0; caller < 2; caller++) {
                    answers.add(callers.submit(() -> {
                        start.await();
                        return put(path, account("Twice AS", 1));
                    }));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<ApiClient.Answer> answer : answers) {
                    ApiClient.Answer done = answer.get(30, TimeUnit.SECONDS);
                    assertThat(done.status())
                            .as("round %d: %s", round, done.response().getBody())
                            .isIn(200, 201);
                    outcomes.add(done.text("outcome"));
                }
                assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("CREATED", "UNCHANGED");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM account WHERE id LIKE ?", "twice-" + run + "-%"))
                .isEqualTo(20);
    }

    @Test
    void aDeletedAccountIsNotCreatedAgainByALateWrite() {
        TestAccount deleted = accounts.paidAccount("en", PERIOD_END);
        ProcessInstance instance = startAs(deleted.admin(), deleted.id());
        Cancellations.completeWizard(processEngine, instance.getId());
        executeJobsUntilNoneLeft(instance);
        assertThat(count("SELECT COUNT(*) FROM erasure_record WHERE account_id = ?", deleted.id()))
                .isOne();

        ApiClient.Answer put = put("/api/directory/accounts/" + deleted.id(), account("Back again", Long.MAX_VALUE));
        ApiClient.Answer load =
                feed.exchange(HttpMethod.POST, "/api/directory/accounts", line(deleted.id(), "Back again", 1), NDJSON);

        assertThat(put.status()).isEqualTo(409);
        assertThat(put.text("detail"))
                .isEqualTo("Account '" + deleted.id() + "' was deleted; its id is not used again");
        assertThat(load.json().path("firstRefused").toString()).contains("was deleted; its id is not used again");
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", deleted.id()))
                .isZero();
    }

    @Test
    void aFirstLoadOfTenThousandAccountsIsStoredWhole() {
        int size = 10_000;
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= size; i++) {
            stream.append(line("bulk-" + run + "-" + i, "Bulk " + i + " AS", 1)).append('\n');
        }

        ApiClient.Answer load = feed.exchange(HttpMethod.POST, "/api/directory/accounts", stream.toString(), NDJSON);

        assertThat(load.status()).isEqualTo(200);
        assertThat(load.json().at("/accounts/created").asLong()).isEqualTo(size);
        assertThat(load.json().at("/users/created").asLong()).isEqualTo(2L * size);
        assertThat(load.json().path("refused").asLong()).isZero();
        assertThat(count("SELECT COUNT(*) FROM account WHERE id LIKE ?", "bulk-" + run + "-%"))
                .isEqualTo(size);
        assertThat(count("SELECT COUNT(*) FROM account_membership WHERE account_id LIKE ?", "bulk-" + run + "-%"))
                .isEqualTo(2L * size);
        assertThat(identityService
                        .createUserQuery()
                        .memberOfGroup("account-admins-bulk-" + run + "-" + size)
                        .count())
                .isOne();
    }

    @Test
    void theCrmsBackendFeedsAnAccountAndItsUserThroughTheGeneratedClient() {
        DirectoryFeedApi client = new GeneratedApi(rest, feedLogin, TestAccounts.PASSWORD).directory();
        String id = "client-fed-" + run;

        ResponseEntity<WriteOutcome> created = client.putDirectoryAccountWithHttpInfo(
                id,
                new AccountPut()
                        .companyName("Client Fed AS")
                        .locale("nb")
                        .timeZone("Europe/Oslo")
                        .trial(false)
                        .plan("ADVANCED")
                        .currentPeriodEnd(PERIOD_END.atOffset(ZoneOffset.UTC))
                        .version(1L)
                        .billing(new BillingPut().customerId("cus_" + run).subscriptionId("sub_" + run)));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().getOutcome()).isEqualTo(WriteOutcome.OutcomeEnum.CREATED);
        ResponseEntity<WriteOutcome> joined = client.putDirectoryUserWithHttpInfo(
                id,
                kari(),
                new UserPut()
                        .name("Kari Nordmann")
                        .email("kari@crm.example")
                        .settingsAccess(true)
                        .version(1L));
        assertThat(joined.getStatusCode().value()).isEqualTo(201);
        assertThat(isAdmin(id, kari())).isTrue();

        assertThat(client.removeDirectoryUser(id, kari(), 2L).getOutcome()).isEqualTo(WriteOutcome.OutcomeEnum.CHANGED);
        assertThat(isAdmin(id, kari())).isFalse();
        assertThat(accountRow(id)).startsWithIgnoringCase("Client Fed AS|nb|false|ADVANCED|");
    }

    @Test
    void aBodyOfAnotherTypeIs415AndAnOversizedOneIs413WithNothingWritten() {
        String id = "refused-" + run;
        String users = "/api/directory/accounts/" + id + "/users/" + kari();

        assertThat(feed.exchange(HttpMethod.PUT, "/api/directory/accounts/" + id, "plan=ADVANCED", MediaType.TEXT_PLAIN)
                        .status())
                .isEqualTo(415);
        assertThat(feed.exchange(HttpMethod.PUT, users, "name=Kari", MediaType.TEXT_PLAIN)
                        .status())
                .isEqualTo(415);
        assertThat(feed.exchange(
                                HttpMethod.POST,
                                "/api/directory/accounts",
                                line(id, "Refused AS", 1),
                                MediaType.APPLICATION_JSON)
                        .status())
                .isEqualTo(415);
        assertThat(putAccount(id, "x".repeat(20_000), 1).status()).isEqualTo(413);
        Map<String, Object> oversizedUser = user(true, 1);
        oversizedUser.put("name", "x".repeat(20_000));
        assertThat(put(users, oversizedUser).status()).isEqualTo(413);

        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM account_membership WHERE login = ?", kari()))
                .isZero();
    }

    @Test
    void removingAUserOfAnUnknownAccountIs404AndOfAMalformedOneIs400() {
        ApiClient.Answer unknown =
                feed.delete("/api/directory/accounts/no-such-" + run + "/users/" + kari() + "?version=1");
        assertThat(unknown.status()).as(unknown.response().getBody()).isEqualTo(404);
        assertThat(unknown.text("detail")).contains("no-such-" + run);

        assertProblem(feed.delete("/api/directory/accounts/Not_A_Slug/users/" + kari() + "?version=1"), "accountId");
    }

    private ApiClient.Answer putAccount(String accountId, String companyName, long version) {
        return put("/api/directory/accounts/" + accountId, account(companyName, version));
    }

    private ApiClient.Answer putUser(String accountId, String login, boolean settingsAccess, long version) {
        return put("/api/directory/accounts/" + accountId + "/users/" + login, user(settingsAccess, version));
    }

    private ApiClient.Answer put(String path, Map<String, Object> body) {
        return feed.exchange(HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON);
    }

    private static Map<String, Object> account(String companyName, long version) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("companyName", companyName);
        account.put("locale", "nb");
        account.put("timeZone", "Europe/Oslo");
        account.put("trial", false);
        account.put("plan", "ADVANCED");
        account.put("currentPeriodEnd", PERIOD_END.toString());
        account.put("version", version);
        return account;
    }

    private static Map<String, Object> user(boolean settingsAccess, long version) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "Kari Nordmann");
        user.put("email", "kari@crm.example");
        user.put("settingsAccess", settingsAccess);
        user.put("version", version);
        return user;
    }

    /** A line of the first load: the account with an admin and a user. */
    private static String line(String accountId, String companyName, long version) {
        return ("{\"id\": \"%s\", \"account\": {\"companyName\": \"%s\", \"locale\": \"en\", \"timeZone\": \"UTC\","
                        + " \"trial\": false, \"plan\": \"ADVANCED\", \"currentPeriodEnd\": \"%s\", \"version\": %d},"
                        + " \"users\": {\"%s-admin\": {\"name\": \"Admin\", \"email\": \"admin@crm.example\","
                        + " \"settingsAccess\": true, \"version\": %d}, \"%s-user\": {\"name\": \"User\","
                        + " \"email\": \"user@crm.example\", \"settingsAccess\": false, \"version\": %d}}}")
                .formatted(accountId, companyName, PERIOD_END, version, accountId, version, accountId, version);
    }

    private List<String> groupsOf(String login) {
        return identityService.createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .toList();
    }

    private String kari() {
        return "kari-" + run;
    }

    private boolean isAdmin(String accountId, String login) {
        return count(
                        "SELECT COUNT(*) FROM account_membership WHERE account_id = ? AND login = ? AND settings_access",
                        accountId,
                        login)
                == 1;
    }

    private String accountRow(String accountId) {
        return jdbc.sql(
                        "SELECT a.company_name || '|' || a.locale || '|' || a.trial || '|' || s.plan_code || '|' || s.current_period_end"
                                + " FROM account a JOIN subscription s ON s.account_id = a.id WHERE a.id = ?")
                .param(accountId)
                .query(String.class)
                .single();
    }

    private static void assertOutcome(ApiClient.Answer answer, int status, String outcome) {
        assertThat(answer.status()).as(answer.response().getBody()).isEqualTo(status);
        assertThat(answer.text("outcome")).isEqualTo(outcome);
    }

    private static void assertProblem(ApiClient.Answer answer, String detail) {
        assertThat(answer.status()).as(answer.response().getBody()).isEqualTo(400);
        assertThat(answer.contentType().toString()).startsWith("application/problem+json");
        assertThat(answer.text("detail")).contains(detail);
    }
}
