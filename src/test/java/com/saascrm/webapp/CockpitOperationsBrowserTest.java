package com.saascrm.webapp;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.saascrm.security.AccountGroups;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.ProcessTestBase;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Operations find a running cancellation in Cockpit by its business key, the account id. */
class CockpitOperationsBrowserTest extends ProcessTestBase {

    @LocalServerPort
    private int port;
    @Autowired
    private ProcessEngine engine;
    @Autowired
    private RepositoryService repositoryService;

    private HeadlessChromium browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operationsFindTheRunningCancellationByAccountId() throws Exception {
        TestAccount account = accounts.paidAccount("en", Instant.parse("2031-01-31T23:59:59Z"));
        ProcessInstance instance = startAs(account.admin(), account.id());
        String operations = accounts.staffUser(identityService, AccountGroups.OPERATIONS);
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                .latestVersion().singleResult().getId();
        String cockpit = "http://localhost:" + port + "/camunda/app/cockpit/" + engine.getName() + "/";
        try {
            browser.open(cockpit);
            browser.loginToWebapp(operations, TestAccounts.PASSWORD);
            browser.visible(By.xpath("//*[contains(normalize-space(),'Running Process Instances')]"));

            browser.open(cockpit + "#/process-definition/" + definitionId + "/runtime");
            browser.clickable(By.xpath("//tr[.//*[normalize-space()='" + account.id() + "']]//a[contains(@href,'process-instance')]"))
                    .click();

            browser.until(driver -> driver.getCurrentUrl().contains("/process-instance/" + instance.getId()) ? true : null);
            browser.visible(By.xpath("//*[contains(normalize-space(),'" + account.id() + "')]"));
            browser.visible(By.cssSelector("[data-element-id='Task_ReviewAccountData']"));
            browser.screenshot("6-cockpit-instance");
            assertThat(browser.driver().getPageSource()).contains(instance.getId());
        } catch (RuntimeException | AssertionError e) {
            browser.keepEvidence("cockpit-operations");
            throw e;
        }
    }
}
