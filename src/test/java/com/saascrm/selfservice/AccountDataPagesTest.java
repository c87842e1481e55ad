package com.saascrm.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.saascrm.portability.Archives;
import com.saascrm.portability.ExportLinks;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WebappSession;

/**
 * An account's data in the browser: the export by a signed link (from a mail) or by the Tasklist session, refused
 * with a page that says what to do; the import page with the API's checks. What the attacker got is asserted, and
 * that the other account's data stayed where it was.
 */
class AccountDataPagesTest extends ProcessTestBase {

    private static final Instant NOW = Instant.parse("2030-04-01T08:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2030-04-30T23:59:59Z");

    @Autowired
    private TestRestTemplate anyone;

    @Autowired
    private ExportLinks links;

    @LocalServerPort
    private int port;

    private TestAccount acme;
    private TestAccount nordlys;

    @BeforeEach
    void twoAccounts() {
        setClock(NOW);
        acme = accounts.paidAccount("en", PERIOD_END);
        nordlys = accounts.paidAccount("nb", PERIOD_END);
    }

    @Test
    void aSignedLinkDownloadsTheAccountsDataWithoutALogin() {
        ResponseEntity<byte[]> download = anyone.getForEntity(links.pathFor(acme.id()), byte[].class);

        assertThat(download.getStatusCode().value())
                .as(new String(download.getBody()))
                .isEqualTo(200);
        assertThat(download.getHeaders().getContentType()).hasToString("application/zip");
        assertThat(download.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(Archives.files(download.getBody()).get("organizations.csv"))
                .contains("Organization of " + acme.id())
                .doesNotContain(nordlys.id());
    }

    @Test
    void anExpiredLinkIsRefusedWithAPageThatSaysWhatToDo() {
        String link = links.pathFor(acme.id());
        setClock(NOW.plus(Duration.ofDays(14)).plusSeconds(1));

        ResponseEntity<String> refused = anyone.getForEntity(link, String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(refused.getBody())
                .contains("This download link has expired")
                .contains("send the cancellation confirmation again")
                .contains("href=\"/account-data/" + acme.id() + "/export\"")
                .contains("support@crm.example")
                .doesNotContain("Organization of");
    }

    @Test
    void aLinkForOneAccountOpensNoOtherAndAnAlteredOneNothing() {
        String nordlysLink = links.pathFor(nordlys.id());
        String pointedAtAcme = nordlysLink.replace("/" + nordlys.id() + "/", "/" + acme.id() + "/");
        String longer = nordlysLink.replaceFirst("expires=(\\d+)", "expires=9$1");
        String unsigned = "/account-data/" + acme.id() + "/export?expires=4102444800";

        // The page speaks the language of the account in the link: acme English, nordlys Norwegian.
        Map<String, String> refusals = Map.of(
                pointedAtAcme, "This download link is not valid",
                longer, "Denne nedlastingslenken er ikke gyldig",
                unsigned, "This download link is not valid");
        refusals.forEach((altered, says) -> {
            ResponseEntity<String> refused = anyone.getForEntity(altered, String.class);
            assertThat(refused.getStatusCode().value()).as(altered).isEqualTo(403);
            assertThat(refused.getBody()).as(altered).contains(says).doesNotContain("Organization of");
        });
        ResponseEntity<String> nordlysOwn = anyone.getForEntity(nordlysLink, String.class);
        assertThat(nordlysOwn.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void withoutALinkTheTasklistSessionOfAnAdminDownloads() throws Exception {
        String plain = "/account-data/" + acme.id() + "/export";
        WebappSession alice = loggedIn(acme.admin());
        WebappSession ola = loggedIn(nordlys.admin());

        HttpResponse<byte[]> own = alice.download(plain);
        HttpResponse<byte[]> others = ola.download(plain);
        ResponseEntity<String> noSession = anyone.getForEntity(plain, String.class);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Archives.files(own.body()).get("notes.csv")).contains(acme.id());
        assertThat(others.statusCode()).isEqualTo(403);
        assertThat(new String(others.body())).contains("Log in first").doesNotContain("Note about");
        assertThat(noSession.getStatusCode().value()).isEqualTo(403);
        assertThat(noSession.getBody()).contains("Log in to Tasklist as one of them");
    }

    @Test
    void theImportPageTakesAnExportIntoAnEmptyAccountWithTheApisChecks() throws Exception {
        byte[] export =
                anyone.getForEntity(links.pathFor(acme.id()), byte[].class).getBody();
        TestAccount empty = accounts.emptyPaidAccount(PERIOD_END);
        WebappSession admin = loggedIn(empty.admin());
        String importPath = "/account-data/" + empty.id() + "/import";

        HttpResponse<String> page = admin.get(importPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Import data into " + empty.id()).contains("type=\"file\"");

        HttpResponse<String> bad = admin.upload(importPath, "application/zip", Archives.zip(Map.of("notes.csv", "x")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"detail\"");
        assertThat(count("SELECT COUNT(*) FROM crm_organization WHERE account_id = ?", empty.id()))
                .isZero();

        HttpResponse<String> imported = admin.upload(importPath, "application/zip", export);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"organizations\":3");
        assertThat(count("SELECT COUNT(*) FROM crm_organization WHERE account_id = ?", empty.id()))
                .isEqualTo(3);

        HttpResponse<String> again = admin.upload(importPath, "application/zip", export);
        assertThat(again.statusCode()).as("an account with data").isEqualTo(409);
    }

    @Test
    void anImportNeedsTheAccountsAdminInThisBrowserAndAZipBody() throws Exception {
        byte[] export =
                anyone.getForEntity(links.pathFor(acme.id()), byte[].class).getBody();
        TestAccount empty = accounts.emptyPaidAccount(PERIOD_END);
        String importPath = "/account-data/" + empty.id() + "/import";
        WebappSession stranger = loggedIn(nordlys.admin());
        WebappSession admin = loggedIn(empty.admin());

        HttpResponse<String> byStranger = stranger.upload(importPath, "application/zip", export);
        HttpResponse<String> strangersPage = stranger.get(importPath);
        HttpResponse<String> asFormText = admin.upload(importPath, "text/plain", export);
        ResponseEntity<String> withoutSession = anyone.postForEntity(importPath, zipEntity(export), String.class);

        assertThat(byStranger.statusCode()).isEqualTo(403);
        assertThat(strangersPage.statusCode()).isEqualTo(403);
        assertThat(asFormText.statusCode())
                .as("what a form of another site could send")
                .isEqualTo(415);
        assertThat(withoutSession.getStatusCode().value()).isEqualTo(403);
        assertThat(new WebappSession(port, "default")
                        .loginResponse("tasklist", empty.admin(), TestAccounts.PASSWORD)
                        .headers()
                        .allValues("Set-Cookie"))
                .as("a session cookie no other site's request carries")
                .anyMatch(cookie -> cookie.startsWith("JSESSIONID=") && cookie.contains("SameSite=Lax"));
        assertThat(count("SELECT COUNT(*) FROM crm_organization WHERE account_id = ?", empty.id()))
                .as("nothing imported")
                .isZero();
    }

    @Test
    void tasklistLearnsTheLanguageOfTheUsersAccount() throws Exception {
        WebappSession ola = loggedIn(nordlys.admin());

        HttpResponse<String> language = ola.get("/account-data/language");
        ResponseEntity<String> noSession = anyone.getForEntity("/account-data/language", String.class);

        assertThat(language.statusCode()).isEqualTo(200);
        assertThat(language.body()).isEqualTo("{\"locale\":\"nb\"}");
        assertThat(noSession.getStatusCode().value()).isEqualTo(204);
    }

    private WebappSession loggedIn(String login) throws Exception {
        return WebappSession.inTasklist(port, login);
    }

    private static HttpEntity<byte[]> zipEntity(byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/zip"));
        return new HttpEntity<>(body, headers);
    }
}
