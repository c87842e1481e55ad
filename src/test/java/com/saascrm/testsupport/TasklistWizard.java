package com.saascrm.testsupport;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.openqa.selenium.By;

import com.saascrm.cancellation.AccountCancellationProcess.Elements;

/** An account admin's steps through the cancellation wizard in Tasklist, as a browser does them. */
public final class TasklistWizard {

    private final HeadlessChromium browser;
    private final ProcessEngine engine;

    public TasklistWizard(HeadlessChromium browser, ProcessEngine engine) {
        this.browser = browser;
        this.engine = engine;
    }

    /** Starts the cancellation of {@code accountId} through Tasklist's start form. */
    public ProcessInstance start(String accountId) throws Exception {
        browser.clickable(By.cssSelector(".start-process-action")).click();
        browser.clickable(By.xpath("//a[normalize-space()='Account cancellation']"))
                .click();
        browser.visible(By.cssSelector("[id$='Field_AccountId']"));
        browser.screenshot("1-start-form");
        browser.type(By.cssSelector("[id$='Field_AccountId']"), accountId);
        browser.clickable(By.xpath("//button[normalize-space()='Start']")).click();
        return browser.until(driver -> engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(accountId)
                .singleResult());
    }

    /** The review: continue to cancel. */
    public void review(ProcessInstance instance) throws Exception {
        openTaskAndClaim("Review account data");
        browser.screenshot("2-review-form");
        browser.clickable(By.xpath("//label[contains(.,'Continue to cancel')]")).click();
        complete();
        waitForTask(instance, Elements.TASK_SUBMIT_REASON);
    }

    /** The reason: too expensive, with a comment; then the confirmation is next. */
    public void giveReason(ProcessInstance instance, String comment) throws Exception {
        openTaskAndClaim("Submit reason");
        browser.visible(By.xpath("//*[contains(text(),'Why are you leaving')]"));
        browser.clickable(By.cssSelector("[id$='Field_CancellationReason-display']"))
                .click();
        browser.clickable(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and contains(.,'Too expensive')]"))
                .click();
        browser.type(By.cssSelector("[id$='Field_ReasonComment']"), comment);
        browser.screenshot("3-reason-form");
        complete();
        waitForTask(instance, Elements.TASK_CONFIRM_CANCELLATION);
    }

    public void openTaskAndClaim(String taskName) {
        browser.click(By.xpath("//ol[contains(@class,'tasks-list')]//*[normalize-space()='" + taskName + "']"));
        browser.click(By.xpath("//button[contains(@class,'claim') or normalize-space()='Claim']"));
        browser.visible(By.cssSelector(".fjs-form"));
    }

    /** The confirmation with the consent to lose the data. */
    public void confirm(ProcessInstance instance) throws Exception {
        openTaskAndClaim("Confirm cancellation");
        browser.clickable(By.cssSelector("[id$='Field_DataLossConsent']")).click();
        browser.screenshot("5-confirmation-form");
        complete();
        browser.until(driver -> taskOf(instance) == null ? true : null);
    }

    public void complete() {
        browser.press(By.xpath("//button[normalize-space()='Complete']"));
    }

    /**
     * The applications of the browser tests run no job executor: once the confirmation has reached the billing
     * step, the test runs it, as the job executor would.
     */
    public void runBillingStep(ProcessInstance instance) {
        Job step = browser.until(driver -> engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(Elements.TASK_CANCEL_SUBSCRIPTION)
                .singleResult());
        engine.getManagementService().executeJob(step.getId());
    }

    public Task taskOf(ProcessInstance instance) {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    public void waitForTask(ProcessInstance instance, String taskDefinitionKey) {
        browser.until(driver -> {
            Task task = taskOf(instance);
            return task != null && task.getTaskDefinitionKey().equals(taskDefinitionKey) ? task : null;
        });
    }
}
