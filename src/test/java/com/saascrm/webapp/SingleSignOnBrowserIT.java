package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import com.saascrm.AccountCancellationApplication;
import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.TasklistWizard;
import com.saascrm.testsupport.TestAuthorizationServer;

/**
 * The production way in: the CRM feeds an account and its admin through the directory feed (a service token), the
 * admin logs in to Tasklist at the company's OpenID Connect provider (no password of hers is known here), completes
 * the wizard, and logs out there too. The application runs without any password of account users.
 */
class SingleSignOnBrowserIT {

    private static final String ACCOUNT = "sso-company";
    private static final String ADMIN = "sso-admin";
    private static final String PROVIDER_PASSWORD = "provider-only-password";

    private static TestAuthorizationServer provider;
    private static ConfigurableApplicationContext application;
    private static String applicationUrl;

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @BeforeAll
    static void startApplication() {
        provider = TestAuthorizationServer.shared();
        int port = freePort();
        applicationUrl = "http://localhost:" + port;
        String client = provider.registerWebClient(applicationUrl);
        String registration = "--spring.security.oauth2.client.registration.company.";
        application = new SpringApplicationBuilder(AccountCancellationApplication.class)
                .run(
                        "--spring.profiles.active=test",
                        "--spring.datasource.url=jdbc:h2:mem:single-sign-on;DB_CLOSE_DELAY=-1",
                        "--server.port=" + port,
                        "--camunda.bpm.process-engine-name=singlesignon",
                        "--camunda.bpm.generate-unique-process-application-name=true",
                        "--cancellation.security.account-user-passwords=false",
                        "--cancellation.security.tokens.issuer-uri=" + provider.issuer(),
                        registration + "client-id=" + client,
                        registration + "client-secret=" + TestAuthorizationServer.secretOf(client),
                        registration + "scope=openid,profile",
                        "--spring.security.oauth2.client.provider.company.issuer-uri=" + provider.issuer(),
                        "--spring.security.oauth2.client.provider.company.user-name-attribute=preferred_username");
        feedAccountAndAdmin();
        provider.addUser(ADMIN, PROVIDER_PASSWORD, List.of());
    }

    @AfterAll
    static void stopApplication() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void anAdminFedByTheCrmLogsInAtTheProviderCompletesTheWizardAndLogsOutThere() throws Exception {
        ProcessEngine engine = application.getBean(ProcessEngine.class);
        JdbcClient jdbc = application.getBean(JdbcClient.class);
        TasklistWizard wizard = new TasklistWizard(browser, engine);
        browser.open(applicationUrl + "/camunda/app/tasklist/singlesignon/");
        loginAtProvider(ADMIN, PROVIDER_PASSWORD);

        ProcessInstance instance = wizard.start(ACCOUNT);
        wizard.review(instance);
        wizard.giveReason(instance, "Through single sign-on");
        wizard.confirm(instance);
        wizard.runBillingStep(instance);
        assertThat(status(jdbc)).isEqualTo("CANCELLATION_SCHEDULED");
        assertThat(engine.getHistoryService()
                        .createHistoricTaskInstanceQuery()
                        .processInstanceId(instance.getId())
                        .taskAssignee(ADMIN)
                        .finished()
                        .count())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = ?")
                        .param(ADMIN)
                        .query(Long.class)
                        .single())
                .as("no Camunda copy of the admin")
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM password_login")
                        .query(Long.class)
                        .single())
                .as("no password of an account user")
                .isZero();

        browser.click(By.cssSelector("li.account > a, li.account .dropdown-toggle"));
        browser.click(By.xpath("//li[contains(@class,'logout')]//a"));
        browser.visible(By.cssSelector("input[name='username']"));
        assertThat(browser.driver().getCurrentUrl()).startsWith(provider.issuer());
        browser.open(applicationUrl + "/camunda/app/tasklist/singlesignon/");
        browser.visible(By.cssSelector("input[name='username']"));
        assertThat(browser.driver().getCurrentUrl())
                .as("after logging out, Tasklist asks the provider again")
                .startsWith(provider.issuer());
    }

    /**
     * Staff roles come from the provider's groups claim; an account's groups never do, whatever the claim says.
     * Support has Cockpit, and Tasklist for the one start it may make: an erasure an admin asked for.
     */
    @Test
    void supportFromTheProvidersGroupsGetsItsWebAppsAndNothingOfAnAccount() throws Exception {
        provider.addUser(
                "sso-support", PROVIDER_PASSWORD, List.of(AccountGroups.SUPPORT, AccountGroups.ALL_ACCOUNT_ADMINS));
        browser.open(applicationUrl + "/camunda/app/cockpit/singlesignon/");
        browser.visible(By.cssSelector("input[name='username']")).sendKeys("sso-support");
        browser.driver().findElement(By.cssSelector("input[name='password']")).sendKeys(PROVIDER_PASSWORD);
        browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
        browser.visible(By.cssSelector("a[href*='#/processes']"));
        Object session = ((JavascriptExecutor) browser.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('/camunda/api/admin/auth/user/singlesignon').then(r => r.json()).then(done);");
        assertThat(session.toString()).contains("sso-support", "cockpit", "tasklist");
        Object startable = ((JavascriptExecutor) browser.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch('/camunda/api/engine/engine/singlesignon/process-definition?latestVersion=true"
                        + "&startableInTasklist=true&startablePermissionCheck=true')"
                        + ".then(r => r.text()).then(done);");
        assertThat(startable.toString())
                .as("the claimed account-admins group is not taken: no cancellation to start")
                .contains("\"key\":\"account-erasure-request\"")
                .doesNotContain("\"key\":\"account-cancellation\"");
    }

    @Test
    void anAccountUserHasNoPasswordHere() {
        RestClient engineRest = RestClient.create(applicationUrl);
        assertThat(catchStatus(() -> engineRest
                        .get()
                        .uri("/engine-rest/engine/singlesignon/task")
                        .headers(headers -> headers.setBasicAuth(ADMIN, PROVIDER_PASSWORD))
                        .retrieve()
                        .toBodilessEntity()))
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(catchStatus(() -> engineRest
                        .get()
                        .uri("/api/accounts/" + ACCOUNT + "/cancellation")
                        .headers(headers -> headers.setBasicAuth(ADMIN, PROVIDER_PASSWORD))
                        .retrieve()
                        .toBodilessEntity()))
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void loginAtProvider(String login, String password) {
        browser.visible(By.cssSelector("input[name='username']")).sendKeys(login);
        browser.driver().findElement(By.cssSelector("input[name='password']")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
        browser.visible(By.cssSelector(".start-process-action"));
    }

    private static String status(JdbcClient jdbc) {
        return jdbc.sql("SELECT status FROM account WHERE id = ?")
                .param(ACCOUNT)
                .query(String.class)
                .single();
    }

    private static HttpStatus catchStatus(Runnable request) {
        try {
            request.run();
            return HttpStatus.OK;
        } catch (HttpClientErrorException e) {
            return HttpStatus.valueOf(e.getStatusCode().value());
        }
    }

    /** The CRM's backend puts the account and its admin, with its own service token. */
    private static void feedAccountAndAdmin() {
        RestClient feed = RestClient.builder()
                .baseUrl(applicationUrl)
                .defaultHeaders(headers -> headers.setBearerAuth(
                        provider.clientToken(TestAuthorizationServer.FEED_CLIENT, "directory.write")))
                .build();
        feed.put()
                .uri("/api/directory/accounts/" + ACCOUNT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "companyName", "Single Sign-On Company",
                        "locale", "en",
                        "timeZone", "UTC",
                        "trial", false,
                        "plan", "PROFESSIONAL",
                        "currentPeriodEnd",
                                Instant.now().plus(20, ChronoUnit.DAYS).toString(),
                        "version", 1))
                .retrieve()
                .toBodilessEntity();
        feed.put()
                .uri("/api/directory/accounts/" + ACCOUNT + "/users/" + ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "name",
                        "Sso Admin",
                        "email",
                        "sso-admin@customer.example",
                        "settingsAccess",
                        true,
                        "version",
                        1))
                .retrieve()
                .toBodilessEntity();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
