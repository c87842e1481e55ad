package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.LanguageLeaks;
import com.saascrm.testsupport.TasklistWizard;
import com.saascrm.testsupport.TasklistWizard.Words;

/**
 * An admin walks the whole wizard in Tasklist and reads one language on every page: kari, of a Norwegian account,
 * no English; edith, of an English one, no Norwegian (accounts of this test's own, on the demo application). Each
 * page is read as it is shown (its text, and the placeholders
 * and tooltips of what is visible) and checked against the texts of the other language (customer texts, form texts
 * and Tasklist's locale files, see {@link LanguageLeaks}).
 */
class CustomerLanguageBrowserIT {

    private static final String PASSWORD = "demo";
    private static final String SHOWN_TEXT = """
            const parts = [document.title, document.body.innerText];
            document.querySelectorAll('[placeholder], [title]').forEach(element => {
              if (element.offsetParent !== null) {
                parts.push(element.getAttribute('placeholder') || '', element.getAttribute('title') || '');
              }
            });
            return parts.join('\\n');""";

    private final DemoApplication app = DemoApplication.get();

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    private final Map<String, List<String>> leaks = new LinkedHashMap<>();

    @Test
    void aNorwegianAdminReadsNoEnglishOnAnyPageOfTheWizard() throws Exception {
        // Accounts of its own: the other browser tests in this JVM cancel the demo's.
        app.newAccount("fjordco", "kari", "nb", 3);
        walkTheWizard("kari", "fjordco", Words.NORWEGIAN, LanguageLeaks.englishOnNorwegianPages(), "nb");
    }

    @Test
    void anEnglishAdminReadsNoNorwegianOnAnyPageOfTheWizard() throws Exception {
        app.newAccount("harbourco", "edith", "en", 3);
        walkTheWizard("edith", "harbourco", Words.ENGLISH, LanguageLeaks.norwegianOnEnglishPages(), "en");
    }

    private void walkTheWizard(String admin, String accountId, Words words, LanguageLeaks other, String language)
            throws Exception {
        assertThat(other.size()).as("texts of the other language to look for").isGreaterThan(300);
        TasklistWizard wizard = new TasklistWizard(browser, app.engine(), words);
        browser.open(app.tasklist());
        read("login page", other);
        browser.loginToWebapp(admin, PASSWORD);
        browser.visible(By.cssSelector(".start-process-action"));
        read("task list after the login", other);

        wizard.openStartForm();
        read("start form", other);
        browser.screenshot("wizard-" + language + "-1-start");
        browser.type(By.cssSelector("[id$='Field_AccountId']"), accountId);
        browser.press(By.cssSelector(".modal-footer button.btn-primary"));
        ProcessInstance instance = browser.until(driver -> app.engine()
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(accountId)
                .singleResult());
        browser.visible(By.cssSelector(".alert-success, .alert-info"));
        read("started", other);

        wizard.openTaskAndClaim(words.review());
        browser.visible(By.xpath("//label[contains(.,'" + words.continueToCancel() + "')]"));
        read("review step", other);
        browser.screenshot("wizard-" + language + "-2-review");
        readEveryTab(other);
        browser.clickable(By.xpath("//label[contains(.,'" + words.continueToCancel() + "')]"))
                .click();
        wizard.complete();
        wizard.waitForTask(instance, Elements.TASK_SUBMIT_REASON);

        wizard.openTaskAndClaim(words.reason());
        browser.visible(By.xpath("//label[contains(.,'" + words.tooExpensive() + "')]"));
        read("reason step", other);
        browser.screenshot("wizard-" + language + "-3-reason");
        browser.clickable(By.xpath("//label[contains(.,'" + words.tooExpensive() + "')]"))
                .click();
        wizard.complete();
        wizard.waitForTask(instance, Elements.TASK_CONFIRM_CANCELLATION);

        wizard.openTaskAndClaim(words.confirm());
        browser.visible(By.cssSelector("[id$='Field_DataLossConsent']"));
        read("confirmation step", other);
        wizard.complete();
        browser.visible(By.cssSelector("[ng-repeat='notification in notifications'].alert-danger"));
        read("confirmation without the consent", other);
        browser.screenshot("wizard-" + language + "-4-no-consent");
        browser.press(By.cssSelector("[id$='Field_DataLossConsent']"));
        wizard.complete();
        wizard.runBillingStep(instance);
        // Once billing has the cancellation, the outcome has its dates, how to withdraw, and the export.
        browser.visible(By.xpath("//*[contains(@class,'cancellation-outcome')]/section[@data-account='" + accountId
                + "' and count(p) = 3 and a[@href='/account-data/" + accountId + "/export']]"));
        assertThat(browser.driver().findElements(By.cssSelector("[ng-repeat='notification in notifications']")))
                .as("the error about the missing consent went with the step's completion")
                .noneMatch(notification -> notification.getAttribute("class").contains("alert-danger"));
        read("outcome", other);
        browser.screenshot("wizard-" + language + "-5-outcome");

        browser.click(By.cssSelector("a.showShortcutHelp"));
        // config.js describes them in English; the locale file has them in Norwegian (SHORTCUT_<name>).
        assertThat(browser.visible(By.cssSelector(".shortcut-modal .cam-table")).getText())
                .contains(language.equals("nb") ? "tar den valgte oppgaven" : "claims the currently selected task");
        read("keyboard shortcuts", other);

        assertThat(leaks).as("texts of the other language, by page").isEmpty();
    }

    /** The task's tabs besides the form (history, description), each read; the model's diagram is not among them. */
    private void readEveryTab(LanguageLeaks other) {
        By tabs = By.cssSelector(".tabbed-content .nav-tabs li a");
        List<String> names = browser.until(driver -> driver.findElements(tabs).size() > 1
                ? driver.findElements(tabs).stream().map(WebElement::getText).toList()
                : null);
        assertThat(names).as("the task's tabs").hasSize(3).doesNotContain("Diagram");
        for (int i = 1; i < names.size(); i++) {
            browser.driver().findElements(tabs).get(i).click();
            read("tab " + names.get(i), other);
        }
        browser.driver().findElements(tabs).get(0).click();
        browser.visible(By.cssSelector(".fjs-form"));
    }

    private void read(String page, LanguageLeaks other) {
        String shown = (String) ((JavascriptExecutor) browser.driver()).executeScript(SHOWN_TEXT);
        List<String> found = new ArrayList<>(other.in(shown));
        if (!found.isEmpty()) {
            leaks.put(page, found);
        }
    }
}
