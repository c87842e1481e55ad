package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.saascrm.AccountCancellationApplication;
import com.saascrm.cancellation.AccountCancellationProcess;

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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
