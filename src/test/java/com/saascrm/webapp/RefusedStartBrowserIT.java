package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.TasklistWizard;

/**
 * A start that is refused shows the reason in Tasklist, in the requester's language, and no success: ola (Norwegian)
 * for another account, tina for her trial account, erin when she mistypes the confirmation of her cancelled
 * account's erasure (which she then asks for, typed right). One class, so that the demo application starts once.
 */
class RefusedStartBrowserIT {

    private static final String PASSWORD = "demo";
    private static final String ERASED_ACCOUNT = "erasing";
    private static final String ERASING_ADMIN = "erin";

    private final DemoApplication app = DemoApplication.get();
    private final ProcessEngine engine = app.engine();
    private final JdbcClient jdbc = app.context().getBean(JdbcClient.class);

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @Test
    void olaIsToldInNorwegianThatSheIsNoAdminOfAcme() throws Exception {
        startAs("ola", "acme", TasklistWizard.Words.NORWEGIAN);

        WebElement error = browser.visible(By.xpath(
                "//*[contains(@class,'alert-danger') and contains(.,'Bare en administrator av kontoen acme')]"));
        browser.screenshot("refused-start-nb");
        assertThat(error.getText()).contains("du er ikke det");
        assertNoSuccess();
    }

    @Test
    void tinaIsSentToTheTrialGuide() throws Exception {
        startAs("tina", "trialco", TasklistWizard.Words.ENGLISH);

        browser.visible(By.xpath("//*[contains(@class,'alert-danger') and contains(.,'is a free trial')"
                + " and contains(.,'/help/cancel-trial.html')]"));
        browser.screenshot("refused-start-trial");
        assertNoSuccess();
    }

    @Test
    void erinAsksForTheErasureOfHerCancelledAccount() throws Exception {
        app.newAccount(ERASED_ACCOUNT, ERASING_ADMIN, "en", 2);
        ProcessInstance cancellation = Cancellations.startAs(engine, ERASING_ADMIN, ERASED_ACCOUNT);
        Cancellations.completeWizard(engine, cancellation.getId());
        Job billing = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(cancellation.getId())
                .activityId(Elements.TASK_CANCEL_SUBSCRIPTION)
                .singleResult();
        engine.getManagementService().executeJob(billing.getId());

        browser.open(app.tasklist());
        browser.loginToWebapp(ERASING_ADMIN, "demo");
        openErasureForm();
        fill(ERASED_ACCOUNT, "erasin", "");
        browser.press(By.cssSelector(".modal-footer button.btn-primary"));
        WebElement refused = browser.visible(By.xpath(
                "//*[contains(@class,'alert-danger') and contains(.,'Type the account id erasing again, exactly')]"));
        assertThat(refused.getText()).contains("it cannot be undone");
        assertThat(requests()).isZero();

        browser.open(app.tasklist());
        openErasureForm();
        fill(ERASED_ACCOUNT, ERASED_ACCOUNT, "privacy@erasing.example");
        browser.screenshot("erasure-request");
        browser.press(By.cssSelector(".modal-footer button.btn-primary"));

        browser.until(driver -> requests() == 1 ? true : null);
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(cancellation.getId())
                        .activityId(Elements.TIMER_COOLING_OFF_ENDS_IN_ACCESS_PERIOD)
                        .count())
                .isOne();
    }

    private void startAs(String login, String accountId, TasklistWizard.Words words) {
        browser.open(app.tasklist());
        browser.loginToWebapp(login, PASSWORD);
        new TasklistWizard(browser, app.engine(), words).openStartForm();
        browser.type(By.cssSelector("[id$='Field_AccountId']"), accountId);
        browser.press(By.cssSelector(".modal-footer button.btn-primary"));
    }

    private void assertNoSuccess() {
        assertThat(browser.driver().findElements(By.cssSelector(".alert-success")))
                .as("no success notification")
                .noneMatch(WebElement::isDisplayed);
    }

    private void openErasureForm() {
        browser.clickable(By.cssSelector(".start-process-action")).click();
        browser.clickable(By.xpath("//a[normalize-space()='Erase a cancelled account now']"))
                .click();
        browser.visible(By.cssSelector("[id$='Field_ErasureConfirmation']"));
        browser.visible(By.xpath("//*[contains(.,'cooling-off of 48 hours')]"));
    }

    private void fill(String accountId, String confirmation, String address) {
        browser.type(By.cssSelector("[id$='Field_AccountId']"), accountId);
        browser.type(By.cssSelector("[id$='Field_ErasureConfirmation']"), confirmation);
        if (!address.isEmpty()) {
            browser.type(By.cssSelector("[id$='Field_CertificateAddress']"), address);
        }
    }

    private long requests() {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_request WHERE account_id = ?")
                .param(ERASED_ACCOUNT)
                .query(Long.class)
                .single();
    }
}
