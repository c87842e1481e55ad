package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.saascrm.AccountCancellationApplication;
import com.saascrm.account.Accounts;
import com.saascrm.cancellation.AccountCancellationProcess;
import com.saascrm.security.AccountIdentities;

/**
 * The application as a newcomer runs it (profile {@code demo}: demo data, logins from the README, the embedded
 * mail server), started once for the integration tests of a JVM, on free ports and an in-memory database, with
 * the job executor off so that nothing moves on its own.
 */
public final class DemoApplication {

    private static DemoApplication instance;

    private final ConfigurableApplicationContext context;

    private DemoApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static synchronized DemoApplication get() {
        if (instance == null) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountCancellationApplication.class)
                    .run(
                            "--spring.profiles.active=demo",
                            "--spring.datasource.url=jdbc:h2:mem:demo-application;DB_CLOSE_DELAY=-1",
                            "--server.port=0",
                            "--spring.mail.port=" + freePort(),
                            "--cancellation.mail.embedded-server.imap-port=" + freePort(),
                            "--camunda.bpm.job-execution.enabled=false");
            instance = new DemoApplication(context);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        }
        return instance;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public ProcessEngine engine() {
        return context.getBean(ProcessEngine.class);
    }

    public String url(String path) {
        return "http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
    }

    public String tasklist() {
        return url("/camunda/app/tasklist/" + engine().getName() + "/");
    }

    public String cockpit() {
        return url("/camunda/app/cockpit/" + engine().getName() + "/");
    }

    /** The running cancellation of {@code accountId}, started by {@code admin} if there is none yet. */
    public synchronized ProcessInstance runningCancellation(String accountId, String admin) {
        ProcessEngine engine = engine();
        ProcessInstance running = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(AccountCancellationProcess.PROCESS_KEY)
                .processInstanceBusinessKey(accountId)
                .singleResult();
        if (running != null) {
            return running;
        }
        return Cancellations.startAs(engine, admin, accountId);
    }

    /**
     * A paid account of the test's own beside the demo's, so that the browser tests do not take each other's
     * accounts: one admin ({@code admin}, the demo password) and {@code organizations} organizations with a note each.
     */
    public void newAccount(String accountId, String admin, String locale, int organizations) {
        Accounts accounts = context.getBean(Accounts.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Instant periodEnd = Instant.now()
                .plus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.DAYS)
                .minusSeconds(1);
        accounts.create(accountId, "Company " + accountId, locale, "UTC", false, "PROFESSIONAL", periodEnd);
        accounts.addMember(accountId, admin, "Admin " + admin, admin + "@" + accountId + ".example", true);
        for (int i = 1; i <= organizations; i++) {
            jdbc.sql("INSERT INTO crm_organization (account_id, name) VALUES (?, ?)")
                    .params(accountId, "Customer " + i + " of " + accountId)
                    .update();
            jdbc.sql("INSERT INTO crm_note (account_id, content) VALUES (?, ?)")
                    .params(accountId, "Note " + i + " of " + accountId)
                    .update();
        }
        context.getBean(AccountIdentities.class).provision(accountId, "demo");
    }

    /** The mails the application sent, as its embedded mail server has them. */
    public MimeMessage[] mails() {
        return context.getBean(GreenMail.class).getReceivedMessages();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
