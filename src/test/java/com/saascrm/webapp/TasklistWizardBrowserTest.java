package com.saascrm.webapp;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** An account admin does the whole wizard in Tasklist, in a real browser. */
class TasklistWizardBrowserTest extends ProcessTestBase {

    @LocalServerPort
    private int port;
    @Autowired
    private ProcessEngine engine;
    @Autowired
    private HistoryService historyService;

    private HeadlessChromium browser;
    private TestAccount account;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.start();
        account = accounts.paidAccount("en", Instant.parse("2031-01-31T23:59:59Z"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void adminStartsAndCompletesTheWizardAndCannotFinishWithoutConsent() throws Exception {
        try {
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/" + engine.getName() + "/");
            browser.loginToWebapp(account.admin(), TestAccounts.PASSWORD);

            browser.clickable(By.cssSelector(".start-process-action")).click();
            browser.clickable(By.xpath("//a[normalize-space()='Account cancellation']")).click();
            browser.visible(By.cssSelector("[id$='Field_AccountId']"));
            browser.screenshot("1-start-form");
            browser.type(By.cssSelector("[id$='Field_AccountId']"), account.id());
            browser.clickable(By.xpath("//button[normalize-space()='Start']")).click();
            ProcessInstance instance = browser.until(driver -> runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(account.id()).singleResult());

            openTaskAndClaim("Review account data");
            browser.visible(By.xpath("//*[contains(text(),'Organizations')]"));
            browser.screenshot("2-review-form");
            browser.clickable(By.xpath("//label[contains(.,'Continue to cancel')]")).click();
            complete();
            waitForTask(instance, Elements.TASK_SUBMIT_REASON);

            openTaskAndClaim("Submit reason");
            browser.visible(By.xpath("//*[contains(text(),'Why are you leaving')]"));
            chooseReason("Too expensive");
            browser.type(By.cssSelector("[id$='Field_ReasonComment']"), "Written in the browser");
            browser.screenshot("3-reason-form");
            complete();
            waitForTask(instance, Elements.TASK_CONFIRM_CANCELLATION);

            openTaskAndClaim("Confirm cancellation");
            browser.type(By.cssSelector("[id$='Field_ReplacementProduct']"), "Paper");
            browser.type(By.cssSelector("[id$='Field_RecommendationScore']"), "7");
            complete();
            browser.visible(By.xpath("//*[contains(@class,'fjs-form-field-error') or contains(@class,'fjs-has-errors')]"));
            browser.screenshot("4-confirmation-refused-without-consent");
            Task stillOpen = taskOf(instance);
            assertThat(stillOpen.getTaskDefinitionKey()).isEqualTo(Elements.TASK_CONFIRM_CANCELLATION);
            assertThat(accountStatus(account.id())).isEqualTo("ACTIVE");

            browser.clickable(By.cssSelector("[id$='Field_DataLossConsent']")).click();
            browser.screenshot("5-confirmation-form");
            complete();
            browser.until(driver -> "CANCELLATION_SCHEDULED".equals(accountStatus(account.id())) ? true : null);
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                    .activityId(Elements.TASK_CONFIRM_CANCELLATION).finished().count()).isEqualTo(1);
            assertThat(jdbc.sql("""
                    SELECT reason_code, reason_comment, replacement_product, recommendation_score
                    FROM cancellation_feedback WHERE request_id = ?""").param(instance.getId()).query().singleRow())
                    .containsEntry("REASON_CODE", "TOO_EXPENSIVE")
                    .containsEntry("REASON_COMMENT", "Written in the browser")
                    .containsEntry("REPLACEMENT_PRODUCT", "Paper")
                    .containsEntry("RECOMMENDATION_SCORE", 7);
        } catch (RuntimeException | AssertionError e) {
            browser.keepEvidence("tasklist-wizard");
            throw e;
        }
    }

    @Test
    void formsSpeakTheLanguageOfANorwegianAccount() throws Exception {
        TestAccount norwegian = accounts.paidAccount("nb", Instant.parse("2031-01-31T23:59:59Z"));
        startAs(norwegian.admin(), norwegian.id());
        try {
            browser.open("http://localhost:" + port + "/camunda/app/tasklist/" + engine.getName() + "/");
            browser.loginToWebapp(norwegian.admin(), TestAccounts.PASSWORD);

            openTaskAndClaim("Review account data");

            browser.visible(By.xpath("//h2[normalize-space()='Gå gjennom kontoen din']"));
            browser.visible(By.xpath("//label[contains(.,'Hva vil du gjøre?')]"));
            assertThat(browser.driver().findElements(By.xpath("//h2[normalize-space()='Review your account']"))).isEmpty();
            browser.screenshot("2-review-form-nb");
        } catch (RuntimeException | AssertionError e) {
            browser.keepEvidence("tasklist-nb");
            throw e;
        }
    }

    private void openTaskAndClaim(String taskName) {
        browser.clickable(By.xpath("//ol[contains(@class,'tasks-list')]//*[normalize-space()='" + taskName + "']")).click();
        browser.clickable(By.xpath("//button[contains(@class,'claim') or normalize-space()='Claim']")).click();
        browser.visible(By.cssSelector(".fjs-form"));
    }

    private void chooseReason(String label) {
        browser.clickable(By.cssSelector("[id$='Field_CancellationReason-display']")).click();
        browser.clickable(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(.,'" + label + "')]")).click();
    }

    private void complete() {
        browser.press(By.xpath("//button[normalize-space()='Complete']"));
    }

    private void waitForTask(ProcessInstance instance, String taskDefinitionKey) {
        browser.until(driver -> {
            Task task = taskOf(instance);
            return task != null && task.getTaskDefinitionKey().equals(taskDefinitionKey) ? task : null;
        });
    }
}
