package com.saascrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.AccountCancellationApplication;
import com.saascrm.cancellation.AccountCancellationProcess;
import com.saascrm.testsupport.WebappSession;

/**
 * The newcomer's profile: demo data, the deployed process, and the README's logins work in the web apps.
 * <p>
 * An integration test (failsafe), so it runs in a JVM of its own: it starts whole applications, and the Camunda
 * web apps keep static state that a second application in the shared test JVM would take over.
 */
class DemoProfileIT {

    private static ConfigurableApplicationContext app;
    private static int port;
    /** Unique, since the tests' shared context may already run an engine named "default" in this JVM. */
    private static String engine;

    @BeforeAll
    static void startDemoApplication() throws IOException {
        app = new SpringApplicationBuilder(AccountCancellationApplication.class).run(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:demo-profile-test;DB_CLOSE_DELAY=-1",
                "--server.port=0",
                "--spring.mail.port=" + freePort(),
                "--cancellation.mail.embedded-server.imap-port=" + freePort(),
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.generate-unique-process-engine-name=true",
                "--camunda.bpm.generate-unique-process-application-name=true");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        engine = app.getBean(ProcessEngine.class).getName();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void demoAccountsAndTheProcessAreThere() {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT id FROM account ORDER BY id").query(String.class).list())
                .containsExactly("acme", "nordlys", "trialco");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_organization WHERE account_id = 'acme'").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM crm_note WHERE account_id = 'acme'").query(Long.class).single())
                .isPositive();
        assertThat(app.getBean(ProcessEngine.class).getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(AccountCancellationProcess.PROCESS_KEY).count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"alice, tasklist", "operations, cockpit", "admin, admin"})
    void readmeLoginsOpenTheWebApps(String login, String webapp) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        browser.send(HttpRequest.newBuilder(url("/camunda/app/" + webapp + "/" + engine + "/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String csrfToken = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();

        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(
                        url("/camunda/api/admin/auth/user/" + engine + "/login/" + webapp))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + login + "&password=" + DemoData.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"userId\":\"" + login + "\"").contains("\"" + webapp + "\"");
    }

    @Test
    void firstRunSetupEndpointIsClosedHereToo() throws Exception {
        HttpResponse<String> setup = new WebappSession(port, engine).post(
                "/camunda/api/admin/setup/" + engine + "/user/create", "application/json",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-password\"}}");

        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(app.getBean(ProcessEngine.class).getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    }

    private static URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
