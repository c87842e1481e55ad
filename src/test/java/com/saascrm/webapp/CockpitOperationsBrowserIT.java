package com.saascrm.webapp;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;

/** The demo operations user finds a running cancellation in Cockpit by its business key, the account id. */
class CockpitOperationsBrowserIT {

    private final DemoApplication app = DemoApplication.get();

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @Test
    void operationsFindTheRunningCancellationByAccountId() throws Exception {
        ProcessInstance instance = app.runningCancellation("nordlys", "ola");
        String definitionId = app.engine()
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .latestVersion()
                .singleResult()
                .getId();
        browser.open(app.cockpit());
        browser.loginToWebapp("operations", "demo");
        browser.visible(By.xpath("//*[contains(normalize-space(),'Running Process Instances')]"));

        browser.open(app.cockpit() + "#/process-definition/" + definitionId + "/runtime");
        browser.clickable(By.xpath("//tr[.//*[normalize-space()='nordlys']]//a[contains(@href,'process-instance')]"))
                .click();

        browser.until(driver -> driver.getCurrentUrl().contains("/process-instance/" + instance.getId()) ? true : null);
        browser.visible(By.cssSelector("[data-element-id='Task_ReviewAccountData']"));
        browser.visible(By.xpath("//*[normalize-space()='nordlys']"));
        browser.screenshot("6-cockpit-instance");
        assertThat(browser.driver().getPageSource()).contains(instance.getId());
    }
}
