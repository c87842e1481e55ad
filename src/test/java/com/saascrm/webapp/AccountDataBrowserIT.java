package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.portability.Archives;
import com.saascrm.portability.ExportLinks;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.HeadlessChromium.Fetched;
import com.saascrm.testsupport.Mails;
import com.saascrm.testsupport.TasklistWizard;

/**
 * An admin's data in the browser: the export from the review step's link and from the link in her mail, refused
 * with a page when the link is expired or changed or the browser is another account's; the import page. Each test
 * has accounts of its own in the demo application, so the other browser tests keep theirs.
 */
class AccountDataBrowserIT {

    private static final String PASSWORD = "demo";
    private static final Pattern MAIL_LINK =
            Pattern.compile("http://localhost:\\d+/account-data/[\\w-]+/export\\?expires=\\d+&signature=[\\w-]+");

    private final DemoApplication app = DemoApplication.get();
    private final ProcessEngine engine = app.engine();
    private final JdbcClient jdbc = app.context().getBean(JdbcClient.class);

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    private TasklistWizard wizard;

    @BeforeEach
    void wizardInThisBrowser() {
        wizard = new TasklistWizard(browser, engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void doraDownloadsHerDataFromTheReviewStepAndFromHerMailButNotWithAChangedOrExpiredLink() throws Exception {
        app.newAccount("dataco", "dora", "en", 3);
        browser.open(app.tasklist());
        browser.loginToWebapp("dora", PASSWORD);
        ProcessInstance instance = wizard.start("dataco");
        wizard.openTaskAndClaim("Review account data");
        String formLink = browser.visible(By.cssSelector("a[href='/account-data/dataco/export']"))
                .getAttribute("href");
        assertIsTheExportOfDataco(browser.fetch(formLink));

        browser.clickable(By.xpath("//label[contains(.,'Continue to cancel')]")).click();
        wizard.complete();
        wizard.waitForTask(instance, Elements.TASK_SUBMIT_REASON);
        wizard.giveReason(instance, "Exporting first");
        wizard.confirm(instance);
        wizard.runBillingStep(instance);
        engine.getManagementService()
                .executeJob(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(Elements.TASK_SEND_CANCELLATION_CONFIRMATION)
                        .singleResult()
                        .getId());
        String mailLink = exportLinkInTheMailTo("dora@dataco.example");
        assertIsTheExportOfDataco(browser.fetch(mailLink));

        browser.open(mailLink.replace("/dataco/", "/acme/"));
        browser.visible(By.xpath("//h1[normalize-space()='This download link is not valid']"));
        assertThat(browser.fetch(mailLink.replace("/dataco/", "/acme/")).status())
                .isEqualTo(403);
        browser.screenshot("export-link-altered");

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(15))));
        browser.open(mailLink);
        browser.visible(By.xpath("//h1[normalize-space()='This download link has expired']"));
        browser.visible(By.xpath("//p[contains(.,'send the cancellation confirmation again')]"));
        assertThat(browser.fetch(mailLink).status()).isEqualTo(403);
        browser.screenshot("export-link-expired");
    }

    @Test
    void olasBrowserDoesNotOpenAcmesData() throws Exception {
        browser.open(app.tasklist());
        browser.loginToWebapp("ola", PASSWORD);
        browser.visible(By.cssSelector(".start-process-action"));

        browser.open(app.url("/account-data/acme/export"));

        browser.visible(By.xpath("//h1[normalize-space()='Log in first']"));
        Fetched refused = browser.fetch(app.url("/account-data/acme/export"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new String(refused.body())).doesNotContain("Customer 1 of acme");
    }

    @Test
    void emilImportsAnExportThroughThePageAfterABadArchiveIsRefusedWithItsReason() throws Exception {
        app.newAccount("sourceco", "sam", "en", 2);
        app.newAccount("emptyco", "emil", "en", 0);
        Path good = Files.createTempFile("sourceco-export", ".zip");
        Path bad = Files.createTempFile("not-an-export", ".zip");
        Files.write(good, exportOf("sourceco"));
        Files.write(bad, Archives.zip(Map.of("notes.csv", "id,content\n")));
        try {
            browser.open(app.tasklist());
            browser.loginToWebapp("emil", PASSWORD);
            browser.visible(By.cssSelector(".start-process-action"));
            browser.open(app.url("/account-data/emptyco/import"));
            browser.visible(By.xpath("//h1[normalize-space()='Import data into emptyco']"));

            browser.visible(By.id("archive")).sendKeys(bad.toAbsolutePath().toString());
            browser.press(By.cssSelector("#import button[type='submit']"));
            browser.visible(
                    By.xpath("//p[@id='result' and contains(@class,'refused') and starts-with(.,'Not imported: ')]"));
            browser.screenshot("import-refused");
            assertThat(organizationsOf("emptyco")).isZero();

            browser.visible(By.id("archive")).sendKeys(good.toAbsolutePath().toString());
            browser.press(By.cssSelector("#import button[type='submit']"));
            browser.visible(By.xpath("//p[@id='result' and starts-with(.,'Imported: 2 organizations')]"));
            browser.screenshot("import-done");
            assertThat(organizationsOf("emptyco")).isEqualTo(2);
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
        }
    }

    private void assertIsTheExportOfDataco(Fetched download) {
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/zip");
        assertThat(Archives.files(download.body()).get("organizations.csv"))
                .contains("Customer 1 of dataco", "Customer 3 of dataco")
                .doesNotContain("of acme");
    }

    private String exportLinkInTheMailTo(String address) {
        MimeMessage mail = Arrays.stream(app.mails())
                .filter(message -> isTo(message, address))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("No mail to " + address));
        Matcher link = MAIL_LINK.matcher(Mails.text(mail));
        assertThat(link.find()).as("an export link in the mail").isTrue();
        return link.group();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(recipient -> recipient.toString().equals(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The export as a mail's link downloads it, outside the browser. */
    private byte[] exportOf(String accountId) throws Exception {
        String link = app.context().getBean(ExportLinks.class).pathFor(accountId);
        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(app.url(link))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        return download.body();
    }

    private long organizationsOf(String accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_organization WHERE account_id = ?")
                .param(accountId)
                .query(Long.class)
                .single();
    }
}
