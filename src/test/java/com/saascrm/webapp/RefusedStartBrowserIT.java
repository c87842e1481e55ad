package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.TasklistWizard;

/**
 * A start that is refused shows the reason in Tasklist, in the requester's language, and no success: ola (Norwegian)
 * for another account, tina for her trial account.
 */
class RefusedStartBrowserIT {

    private static final String PASSWORD = "demo";

    private final DemoApplication app = DemoApplication.get();

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
}
