package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.TasklistWizard;

/**
 * A demo admin does the whole wizard in Tasklist, in a real browser, with the README's login.
 * An integration test: it runs on the demo application of the failsafe JVM.
 */
class TasklistWizardBrowserIT {

    private static final String PASSWORD = "demo";

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

    @Test
    void aliceStartsAndCompletesTheWizardAndCannotFinishWithoutConsent() throws Exception {
        browser.open(app.tasklist());
        browser.loginToWebapp("alice", PASSWORD);

        ProcessInstance instance = wizard.start("acme");
        wizard.openTaskAndClaim("Review account data");
        browser.visible(
                By.xpath("//td[normalize-space()='Organizations']/following-sibling::td[normalize-space()='60']"));
        browser.visible(By.cssSelector("a[href='/account-data/acme/export']"));
        browser.screenshot("2-review-form");
        browser.clickable(By.xpath("//label[contains(.,'Continue to cancel')]")).click();
        wizard.complete();
        wizard.waitForTask(instance, Elements.TASK_SUBMIT_REASON);
        wizard.giveReason(instance, "Written in the browser");

        wizard.openTaskAndClaim("Confirm cancellation");
        browser.visible(
                By.xpath("//*[contains(.,'If you confirm now, you keep access to all data until the end of')]"));
        browser.visible(By.xpath("//*[contains(text(),'Tick this box to confirm')]"));
        browser.type(By.cssSelector("[id$='Field_ReplacementProduct']"), "Paper");
        browser.type(By.cssSelector("[id$='Field_RecommendationScore']"), "7");
        wizard.complete();
        browser.visible(By.xpath("//*[contains(@class,'alert-danger')"
                + " and contains(.,'Tick the box to confirm that you will lose access to the data')]"));
        browser.screenshot("4-confirmation-refused-without-consent");
        assertThat(wizard.taskOf(instance).getTaskDefinitionKey()).isEqualTo(Elements.TASK_CONFIRM_CANCELLATION);
        assertThat(accountStatus()).isEqualTo("ACTIVE");

        // Through the page's script: the error notice lies over the box until it goes with the next success.
        browser.press(By.cssSelector("[id$='Field_DataLossConsent']"));
        browser.screenshot("5-confirmation-form");
        wizard.complete();
        wizard.runBillingStep(instance);
        assertThat(accountStatus()).isEqualTo("CANCELLATION_SCHEDULED");
        browser.visible(By.xpath("//*[contains(@class,'cancellation-outcome')]"
                + "//p[contains(.,'The subscription is cancelled. You keep access to all data until the end of')]"));
        assertThat(browser.driver().findElements(By.cssSelector(".alert-danger")))
                .as("the error about the missing consent is gone after the step went through")
                .noneMatch(WebElement::isDisplayed);
        browser.screenshot("6-outcome");
        assertThat(engine.getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .activityId(Elements.TASK_CONFIRM_CANCELLATION)
                        .finished()
                        .count())
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT reason_code, reason_comment, replacement_product, recommendation_score
                FROM cancellation_feedback WHERE request_id = ?""").param(instance.getId()).query().singleRow())
                .containsEntry("REASON_CODE", "TOO_EXPENSIVE")
                .containsEntry("REASON_COMMENT", "Written in the browser")
                .containsEntry("REPLACEMENT_PRODUCT", "Paper")
                .containsEntry("RECOMMENDATION_SCORE", 7);
    }

    @Test
    void formsSpeakTheLanguageOfANorwegianAccount() throws Exception {
        app.runningCancellation("nordlys", "ola");
        browser.open(app.tasklist());
        browser.loginToWebapp("ola", PASSWORD);
        browser.visible(By.cssSelector(".start-process-action"));
        // A page loaded after the login speaks the account's language throughout.
        browser.open(app.tasklist());

        wizard.openTaskAndClaim("Gå gjennom kontodataene");

        browser.visible(By.xpath("//h2[normalize-space()='Gå gjennom kontoen din']"));
        browser.visible(By.xpath("//label[contains(.,'Hva vil du gjøre?')]"));
        assertThat(browser.driver().findElements(By.xpath("//h2[normalize-space()='Review your account']")))
                .isEmpty();
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .as("Tasklist's own texts in Norwegian")
                .contains("Start prosess", "Skjema", "Historikk", "Fullfør")
                .doesNotContain("Start process", "Form", "History", "Complete");
        browser.visible(By.cssSelector("input[placeholder='Filtrer oppgaver']"));
        browser.screenshot("2-review-form-nb");
    }

    /** Every control left in Tasklist works for an account admin: none ends in an authorization error. */
    @Test
    void olaSeesOnlyControlsSheMayUseAndCanGiveBackHerClaim() throws Exception {
        ProcessInstance instance = app.runningCancellation("nordlys", "ola");
        browser.open(app.tasklist());
        browser.loginToWebapp("ola", PASSWORD);
        browser.visible(By.cssSelector(".start-process-action"));
        assertPresentButHidden(By.cssSelector("li.create-task-action"));

        browser.click(By.xpath("//ol[contains(@class,'tasks-list')]//*[normalize-space()='Gå gjennom kontodataene']"));
        if (wizard.taskOf(instance).getAssignee() == null) {
            browser.click(By.xpath("//button[contains(@class,'claim') or normalize-space()='Claim']"));
        }
        browser.visible(By.cssSelector(".fjs-form"));
        assertPresentButHidden(By.cssSelector(".createCommentLink"));
        assertPresentButHidden(By.cssSelector("[cam-tasklist-task-meta] ul.meta.dates"));
        assertPresentButHidden(By.cssSelector("[cam-tasklist-task-meta] li.groups"));

        browser.press(By.cssSelector(".unclaim"));
        browser.until(driver -> wizard.taskOf(instance).getAssignee() == null ? true : null);
        browser.click(By.xpath("//button[contains(@class,'claim') or normalize-space()='Claim']"));
        browser.until(driver -> "ola".equals(wizard.taskOf(instance).getAssignee()) ? true : null);
        assertThat(browser.driver().findElements(By.cssSelector(".alert-danger")))
                .as("no error notification")
                .noneMatch(WebElement::isDisplayed);
    }

    private void assertPresentButHidden(By control) {
        List<WebElement> found =
                browser.until(driver -> driver.findElements(control).isEmpty() ? null : driver.findElements(control));
        assertThat(found).as("%s is in the page and not shown", control).noneMatch(WebElement::isDisplayed);
    }

    private String accountStatus() {
        return jdbc.sql("SELECT status FROM account WHERE id = 'acme'")
                .query(String.class)
                .single();
    }
}
