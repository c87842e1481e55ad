package com.saascrm.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;
import com.saascrm.testsupport.DemoApplication;
import com.saascrm.testsupport.HeadlessChromium;
import com.saascrm.testsupport.TasklistWizard;

/**
 * The demo's long-standing customer {@code greta} says in Tasklist that her team does not use the CRM: the wizard
 * offers a pause before the last step, she takes it, and Tasklist says until when billing is paused. Nothing is
 * cancelled.
 */
class RetentionOfferBrowserIT {

    private final DemoApplication app = DemoApplication.get();
    private final ProcessEngine engine = app.engine();
    private final JdbcClient jdbc = app.context().getBean(JdbcClient.class);

    @RegisterExtension
    final HeadlessChromium browser = HeadlessChromium.perTest();

    @Test
    void gretaTakesThePauseSheIsOfferedInsteadOfCancelling() throws Exception {
        TasklistWizard wizard = new TasklistWizard(browser, engine);
        browser.open(app.tasklist());
        browser.loginToWebapp("greta", "demo");

        ProcessInstance instance = wizard.start("globex");
        wizard.review(instance);
        wizard.openTaskAndClaim("Submit reason");
        browser.clickable(By.xpath("//label[contains(.,'We do not use it')]")).click();
        wizard.complete();
        wizard.waitForTask(instance, Elements.TASK_CONSIDER_RETENTION_OFFER);

        wizard.openTaskAndClaim("Before you go");
        browser.visible(By.xpath("//*[contains(.,'We would rather keep you as a customer')]"));
        browser.visible(By.xpath("//strong[normalize-space()='Pause your subscription for 3 months']"));
        browser.screenshot("wizard-en-6-offer");
        browser.clickable(By.xpath("//label[contains(.,'Take the offer and keep my account')]"))
                .click();
        wizard.complete();
        browser.until(driver -> wizard.taskOf(instance) == null ? true : null);
        Job apply = browser.until(driver -> engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(Elements.TASK_APPLY_RETENTION_OFFER)
                .singleResult());
        engine.getManagementService().executeJob(apply.getId());

        browser.visible(By.xpath("//*[contains(@class,'cancellation-outcome')]"
                + "[.//*[normalize-space()='Your subscription of globex']]"
                + "//p[contains(.,'Billing of globex is paused. It resumes on')]"));
        browser.screenshot("wizard-en-7-paused");
        assertThat(jdbc.sql("SELECT status FROM account WHERE id = 'globex'")
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM subscription WHERE account_id = 'globex' AND paused_until IS NOT NULL AND cancelled_at IS NULL")
                        .query(Long.class)
                        .single())
                .isOne();
    }
}
