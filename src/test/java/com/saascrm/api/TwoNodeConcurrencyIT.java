package com.saascrm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.AccountIdentities;
import com.saascrm.security.StaffIdentities;
import com.saascrm.testsupport.ClusterDatabase;
import com.saascrm.testsupport.ClusterNodes;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * The churn of {@link ConcurrentCancellationTest} on two nodes that share one PostgreSQL database, with requests
 * spread over both and both job executors sending the confirmations: only documented answers, the accounts' rows
 * and processes agree afterwards, and no ERROR in the log.
 */
@ExtendWith({ClusterDatabase.class, OutputCaptureExtension.class})
class TwoNodeConcurrencyIT {

    private static final Instant PERIOD_END = Instant.parse("2030-05-31T23:59:59Z");
    private static final Duration CHURN = Duration.ofSeconds(20);

    private ClusterNodes nodes;

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void startsWizardStepsAbandonsWithdrawalsAndReadsSpreadOverTwoNodesAnswerOnlyWhatIsDocumented(CapturedOutput log)
            throws Exception {
        ClusterDatabase.empty();
        nodes = new ClusterNodes();
        ConfigurableApplicationContext nodeA = nodes.startServer("node-a");
        ConfigurableApplicationContext nodeB = nodes.startServer("node-b");
        ProcessEngine engine = nodeA.getBean(ProcessEngine.class);
        JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
        TestAccounts accounts = new TestAccounts(jdbc, nodeA.getBean(AccountIdentities.class));
        List<TestAccount> shared =
                List.of(accounts.paidAccount("en", PERIOD_END), accounts.paidAccount("nb", PERIOD_END));
        String support = accounts.staffUser(nodeA.getBean(StaffIdentities.class), AccountGroups.SUPPORT);
        String operations = accounts.staffUser(nodeA.getBean(StaffIdentities.class), AccountGroups.OPERATIONS);

        List<CancellationChurn.Answer> answers = new CancellationChurn(
                        List.of(node(nodeA, "node-a"), node(nodeB, "node-b")))
                .run(shared, support, operations, CHURN);

        CancellationChurn.assertAnswersDocumented(answers);
        ClusterNodes.await(
                Duration.ofMinutes(1),
                () -> engine.getManagementService()
                                .createJobQuery()
                                .executable()
                                .count()
                        == 0,
                "the confirmations' jobs done");
        CancellationChurn.assertAccountsAgree(shared, engine, jdbc);
        assertThat(CancellationChurn.errors(log.getAll())).isEmpty();
    }

    private static CancellationChurn.Node node(ConfigurableApplicationContext node, String hostname) {
        return new CancellationChurn.Node(
                new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + ClusterNodes.port(node))),
                "/engine-rest/engine/" + ClusterNodes.engineName(hostname));
    }
}
