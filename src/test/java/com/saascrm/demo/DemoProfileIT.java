package com.saascrm.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.cancellation.AccountCancellationProcess;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.WebappSession;

/**
 * The newcomer's profile: demo data, the deployed process, and the README's logins work in the web apps.
 * <p>
 * An integration test (failsafe), so it runs in a JVM of its own: it starts the whole application, and the
 * Camunda web apps keep static state that a second application in the shared test JVM would take over.
 */
class DemoProfileIT {

    private static DemoApplication app;

    @BeforeAll
    static void startDemoApplication() {
        app = DemoApplication.get();
    }

    @Test
    void demoAccountsAndTheProcessAreThere() {
        JdbcClient jdbc = app.context().getBean(JdbcClient.class);
        // The browser tests of this JVM add accounts of their own (DemoApplication.newAccount) to the same application.
        assertThat(jdbc.sql("SELECT id FROM account WHERE id IN ('acme', 'nordlys', 'trialco') ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("acme", "nordlys", "trialco");
        long acmeRows = jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM crm_organization WHERE account_id = 'acme')
                     + (SELECT COUNT(*) FROM crm_person WHERE account_id = 'acme')
                     + (SELECT COUNT(*) FROM crm_deal WHERE account_id = 'acme')
                     + (SELECT COUNT(*) FROM crm_activity WHERE account_id = 'acme')
                     + (SELECT COUNT(*) FROM crm_note WHERE account_id = 'acme')""").query(Long.class).single();
        assertThat(acmeRows).isEqualTo(300);
        assertThat(app.engine()
                        .getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(AccountCancellationProcess.PROCESS_KEY)
                        .count())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"alice, tasklist", "ola, tasklist", "operations, cockpit", "support, cockpit", "admin, admin"})
    void readmeLoginsOpenTheWebApps(String login, String webapp) throws Exception {
        assertThat(session().login(webapp, login, DemoData.PASSWORD)).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"carol, tasklist", "operations, tasklist", "alice, cockpit", "crm-feed, tasklist", "crm-feed, cockpit"})
    void otherAppsStayClosed(String login, String webapp) throws Exception {
        assertThat(session().login(webapp, login, DemoData.PASSWORD)).isIn(401, 403);
    }

    @Test
    void firstRunSetupEndpointIsClosedHereToo() throws Exception {
        ProcessEngine engine = app.engine();
        HttpResponse<String> setup = session()
                .post(
                        "/camunda/api/admin/setup/" + engine.getName() + "/user/create",
                        "application/json",
                        "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-password\"}}");

        assertThat(setup.statusCode()).isEqualTo(403);
        assertThat(engine.getIdentityService()
                        .createUserQuery()
                        .userId("intruder")
                        .count())
                .isZero();
    }

    private static WebappSession session() {
        int port = ((WebServerApplicationContext) app.context()).getWebServer().getPort();
        return new WebappSession(port, app.engine().getName());
    }
}
