package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.saascrm.AccountCancellationApplication;
import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/**
 * Nodes of the application in this JVM, all on one database (the {@link ClusterDatabase} unless told otherwise) and
 * each with its job executor running, with one SMTP server on loopback for all of them, which a test may stop and
 * start again. Closing stops every node that is still running, then the SMTP
 * server.
 */
public final class ClusterNodes implements AutoCloseable {

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final List<String> databaseArguments;
    private final int smtpPort = freePort();
    private GreenMail smtp;

    /** Nodes on the {@link ClusterDatabase}. */
    public ClusterNodes() {
        this(ClusterDatabase.nodeArguments());
    }

    /** Nodes on the database these arguments name; none: each node on an in-memory database of its own. */
    public ClusterNodes(List<String> databaseArguments) {
        this.databaseArguments = List.copyOf(databaseArguments);
        startSmtp();
    }

    public GreenMail smtp() {
        return smtp;
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The mail server goes away: connections to its port are refused. What it received stays readable. */
    public void stopSmtp() {
        smtp.stop();
    }

    /** A new mail server on the same port, which has received nothing yet. */
    public GreenMail startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /** A node that only executes jobs and answers calls made in this JVM: no HTTP, no web apps. */
    public ConfigurableApplicationContext startWorker(String hostname, String... extra) {
        List<String> arguments = new ArrayList<>(List.of(WORKER_ARGUMENTS));
        arguments.addAll(List.of(extra));
        return start(hostname, WebApplicationType.NONE, arguments.toArray(String[]::new));
    }

    /** What makes a node a worker: no web apps and no engine-rest (and {@code web-application-type=none}). */
    public static final String[] WORKER_ARGUMENTS = {
        "--spring.autoconfigure.exclude="
                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration,"
                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration"
    };

    /**
     * A node that also serves the API and engine-rest on a free loopback port ({@link #port}); no web apps. Its
     * engine is reached under {@code /engine-rest/engine/} followed by its {@link #engineName}.
     */
    public ConfigurableApplicationContext startServer(String hostname) {
        return start(
                hostname,
                WebApplicationType.SERVLET,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
    }

    /** Engines in one JVM need names of their own: each is named after its node (Camunda allows no hyphen). */
    public static String engineName(String hostname) {
        return hostname.replace('-', '_');
    }

    public static int port(ConfigurableApplicationContext server) {
        return ((ServletWebServerApplicationContext) server).getWebServer().getPort();
    }

    private ConfigurableApplicationContext start(String hostname, WebApplicationType type, String... extra) {
        List<String> arguments = nodeArguments(hostname);
        arguments.addAll(List.of(extra));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(AccountCancellationApplication.class)
                .web(type)
                .run(arguments.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    /** A node's arguments: also for a node in a JVM of its own ({@link NodeProcess}). */
    public List<String> nodeArguments(String hostname) {
        List<String> arguments = new ArrayList<>(databaseArguments);
        arguments.addAll(List.of(
                "--spring.profiles.active=test",
                "--spring.mail.port=" + smtpPort,
                "--camunda.bpm.process-engine-name=" + engineName(hostname),
                "--camunda.bpm.generate-unique-process-application-name=true",
                "--camunda.bpm.generic-properties.properties.hostname=" + hostname,
                "--camunda.bpm.job-execution.enabled=true",
                // A stopped node's locks run out quickly here, so the other node takes its jobs over.
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000"));
        return arguments;
    }

    /** Stops the nodes and the mail server, and sets the engine clock back to the system's. */
    @Override
    public void close() {
        nodes.forEach(ConfigurableApplicationContext::close);
        smtp.stop();
        ClockUtil.reset();
    }

    /**
     * {@code count} paid accounts (English, paid until {@code periodEnd}), each with its cancellation started and its
     * wizard completed by its first admin through the node's engine.
     */
    public static List<TestAccount> cancelledAccounts(
            ConfigurableApplicationContext node, int count, Instant periodEnd) {
        ProcessEngine engine = node.getBean(ProcessEngine.class);
        TestAccounts accounts = new TestAccounts(node.getBean(JdbcClient.class), node.getBean(AccountIdentities.class));
        List<TestAccount> cancelled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestAccount account = accounts.paidAccount("en", periodEnd);
            Cancellations.completeWizard(
                    engine,
                    Cancellations.startAs(engine, account.admin(), account.id()).getId());
            cancelled.add(account);
        }
        return cancelled;
    }

    /** The engine clock of the nodes in this JVM runs on from {@code instant}, so job locks expire in real time. */
    public static void moveClockTo(Instant instant) {
        ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
    }

    public static void moveClockBy(Duration duration) {
        moveClockTo(ClockUtil.getCurrentTime().toInstant().plus(duration));
    }

    /** Tells the node's job executor that jobs are due, so that it does not wait out its idle back-off first. */
    public static void wake(ProcessEngine engine) {
        jobExecutorOf(engine).jobWasAdded();
    }

    public static JobExecutor jobExecutorOf(ProcessEngine engine) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    /**
     * Waits until the instance waits at the activity with no job left to run, so that no job is still in flight
     * when the clock moves on: a job whose lock the jump expires would run a second time and send its mail again.
     */
    public static void awaitSettledAt(ProcessEngine engine, String instanceId, String activityId, String what)
            throws InterruptedException {
        await(
                Duration.ofMinutes(2),
                () -> engine.getRuntimeService()
                                        .createExecutionQuery()
                                        .processInstanceId(instanceId)
                                        .activityId(activityId)
                                        .count()
                                == 1
                        && engine.getManagementService()
                                        .createJobQuery()
                                        .processInstanceId(instanceId)
                                        .executable()
                                        .count()
                                == 0,
                what);
    }

    /** Polls with a deadline; fails with what it was waiting for. */
    public static void await(Duration deadline, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Waited " + deadline + " for: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
