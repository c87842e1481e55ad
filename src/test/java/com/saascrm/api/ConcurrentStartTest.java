package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Twenty starts for one account at the same moment: the database lets exactly one through. */
class ConcurrentStartTest extends ProcessTestBase {

    private static final int CLIENTS = 20;

    @Autowired
    private TestRestTemplate rest;

    @Autowired
    private HistoryService historyService;

    @Test
    void twentyConcurrentStartsMakeOneProcessInstance() throws Exception {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2030-05-31T23:59:59Z"));
        ApiClient admin = new ApiClient(rest, account.admin(), TestAccounts.PASSWORD);
        CountDownLatch startingGun = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<ApiClient.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    startingGun.await();
                    return admin.post("/api/accounts/" + account.id() + "/cancellation");
                }));
            }
            startingGun.countDown();
            List<ApiClient.Answer> results = new ArrayList<>();
            for (Future<ApiClient.Answer> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(results.stream().collect(Collectors.groupingBy(ApiClient.Answer::status, Collectors.counting())))
                    .as(results.stream()
                            .map(answer -> answer.response().getBody())
                            .collect(Collectors.joining("\n")))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, (long) CLIENTS - 1));
            assertThat(historyService
                            .createHistoricProcessInstanceQuery()
                            .processInstanceBusinessKey(account.id())
                            .count())
                    .isEqualTo(1);
            assertThat(runtimeService
                            .createProcessInstanceQuery()
                            .processInstanceBusinessKey(account.id())
                            .count())
                    .isEqualTo(1);
            assertThat(results.stream().filter(answer -> answer.status() == 409).map(answer -> answer.text("reason")))
                    .containsOnly("ALREADY_CANCELLING");
        } finally {
            clients.shutdownNow();
        }
    }
}
