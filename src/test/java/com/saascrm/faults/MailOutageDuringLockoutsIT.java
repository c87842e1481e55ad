package com.saascrm.faults;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.TASK_SEND_LOCKOUT_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.saascrm.testsupport.ClusterNodes;

/**
 * The mail server is down for the whole of a burst of 1,000 lockouts, and for the notices' retries after it: the
 * lockouts are not held up, every notice that a retry finds the server back for is delivered once, the notices
 * whose tries ran out before that (300 here, whose last try came early) are incidents, and Cockpit's retry of those
 * sends each once. Mail tries: three, ten minutes apart ({@code R3/PT10M}); the engine clock moves past each wait.
 */
class MailOutageDuringLockoutsIT {

    private static final int ACCOUNTS = 1_000;
    private static final int RAN_OUT = 300;
    private static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-31T23:59:59Z");

    private ClusterNodes nodes;

    @AfterEach
    void stopEverything() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyNoticeIsDeliveredOnceAndOnlyTheTriesThatRanOutAreIncidents() throws Exception {
        nodes = new ClusterNodes(List.of());
        ClusterNodes.moveClockTo(NOW);
        ConfigurableApplicationContext node =
                nodes.startWorker("node", "--cancellation.process.mail-retry-cycle=R3/PT10M");
        ProcessEngine engine = node.getBean(ProcessEngine.class);
        ManagementService management = engine.getManagementService();
        JdbcClient jdbc = node.getBean(JdbcClient.class);
        ClusterNodes.cancelledAccounts(node, ACCOUNTS, PERIOD_END);
        GreenMail before = nodes.smtp();
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> before.getReceivedMessages().length == ACCOUNTS * 2,
                "every confirmation sent to both admins");

        nodes.stopSmtp();
        ClusterNodes.moveClockTo(PERIOD_END.plusSeconds(1));
        ClusterNodes.wake(engine);
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'") == ACCOUNTS
                        && noticesWithRetriesLeft(management, 2) == ACCOUNTS,
                "every account locked, every notice's first try failed");
        ClusterNodes.moveClockBy(Duration.ofMinutes(15));
        ClusterNodes.wake(engine);
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> noticesWithRetriesLeft(management, 1) == ACCOUNTS,
                "every notice's second try failed");

        // The last try of 300 notices comes while the server is still down.
        List<Job> early = notices(management).subList(0, RAN_OUT);
        Date now = ClockUtil.getCurrentTime();
        early.forEach(job -> management.setJobDuedate(job.getId(), now));
        ClusterNodes.wake(engine);
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> engine.getRuntimeService().createIncidentQuery().count() == RAN_OUT,
                "the early notices' tries ran out");

        GreenMail after = nodes.startSmtp();
        ClusterNodes.moveClockBy(Duration.ofMinutes(15));
        ClusterNodes.wake(engine);
        ClusterNodes.await(
                Duration.ofMinutes(5),
                () -> noticesWithRetriesLeft(management, 1) == 0,
                "the other notices' last tries done");

        List<Incident> incidents =
                engine.getRuntimeService().createIncidentQuery().list();
        assertThat(incidents).hasSize(RAN_OUT).allSatisfy(incident -> {
            assertThat(incident.getActivityId()).isEqualTo(TASK_SEND_LOCKOUT_NOTICE);
            assertThat(incident.getIncidentMessage())
                    .startsWith("Could not send LOCKOUT_NOTICE for account ")
                    .doesNotContain("@");
        });
        assertThat(incidents)
                .extracting(Incident::getConfiguration)
                .containsExactlyInAnyOrderElementsOf(
                        early.stream().map(Job::getId).toList());
        assertThat(messageIds(after)).hasSize(ACCOUNTS - RAN_OUT);
        assertThat(after.getReceivedMessages())
                .as("each notice once, to both admins")
                .hasSize((ACCOUNTS - RAN_OUT) * 2);

        // Cockpit's "Retry" on each incident.
        early.forEach(job -> management.setJobRetries(job.getId(), 1));
        ClusterNodes.wake(engine);
        ClusterNodes.await(Duration.ofMinutes(5), () -> notices(management).isEmpty(), "the retried notices sent");

        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
        assertThat(messageIds(after)).as("every account's notice").hasSize(ACCOUNTS);
        assertThat(after.getReceivedMessages()).as("none twice").hasSize(ACCOUNTS * 2);
        assertThat(count(jdbc, "SELECT COUNT(*) FROM account WHERE status = 'LOCKED'"))
                .isEqualTo(ACCOUNTS);
    }

    private static List<Job> notices(ManagementService management) {
        return management
                .createJobQuery()
                .activityId(TASK_SEND_LOCKOUT_NOTICE)
                .orderByJobId()
                .asc()
                .list();
    }

    private static long noticesWithRetriesLeft(ManagementService management, int retries) {
        return notices(management).stream()
                .filter(job -> job.getRetries() == retries)
                .count();
    }

    private static Set<String> messageIds(GreenMail smtp) {
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                ids.add(message.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
