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

/**
 * The admin of a cancelled account asks in Tasklist for its erasure now: a confirmation that is not the account id is
 * refused with the reason and asks nothing; typed right, the erasure is asked for and its cooling-off runs.
 */
class ErasureRequestBrowserIT {

    private static final String ACCOUNT = "erasing";
    private static final String ADMIN = "erin";

    private final DemoApplication app = DemoApplication.get();
    private final ProcessEngine engine = app.engine();
    private final JdbcClient jdbc = app.context().getBean(JdbcClient.class);

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @Test
    void erinAsksForTheErasureOfHerCancelledAccount() throws Exception {
        app.newAccount(ACCOUNT, ADMIN, "en", 2);
        ProcessInstance cancellation = Cancellations.startAs(engine, ADMIN, ACCOUNT);
        Cancellations.completeWizard(engine, cancellation.getId());
        Job billing = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(cancellation.getId())
                .activityId(Elements.TASK_CANCEL_SUBSCRIPTION)
                .singleResult();
        engine.getManagementService().executeJob(billing.getId());

        browser.open(app.tasklist());
        browser.loginToWebapp(ADMIN, "demo");
        openErasureForm();
        fill(ACCOUNT, "erasin", "");
        browser.press(By.cssSelector(".modal-footer button.btn-primary"));
        WebElement refused = browser.visible(By.xpath(
                "//*[contains(@class,'alert-danger') and contains(.,'Type the account id erasing again, exactly')]"));
        assertThat(refused.getText()).contains("it cannot be undone");
        assertThat(requests()).isZero();

        browser.open(app.tasklist());
        openErasureForm();
        fill(ACCOUNT, ACCOUNT, "privacy@erasing.example");
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
                .param(ACCOUNT)
                .query(Long.class)
                .single();
    }
}
