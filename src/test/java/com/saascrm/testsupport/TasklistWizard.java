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

    /** What the wizard's controls say in one language. */
    public record Words(
            String process,
            String complete,
            String review,
            String reason,
            String confirm,
            String continueToCancel,
            String tooExpensive) {

        public static final Words ENGLISH = new Words(
                "Account cancellation",
                "Complete",
                "Review account data",
                "Submit reason",
                "Confirm cancellation",
                "Continue to cancel",
                "Too expensive");
        public static final Words NORWEGIAN = new Words(
                "Oppsigelse av konto",
                "Fullfør",
                "Gå gjennom kontodataene",
                "Oppgi årsak",
                "Bekreft oppsigelsen",
                "Fortsett oppsigelsen",
                "For dyrt");
    }

    private final HeadlessChromium browser;
    private final ProcessEngine engine;
    private final Words words;

    public TasklistWizard(HeadlessChromium browser, ProcessEngine engine) {
        this(browser, engine, Words.ENGLISH);
    }

    public TasklistWizard(HeadlessChromium browser, ProcessEngine engine, Words words) {
        this.browser = browser;
        this.engine = engine;
        this.words = words;
    }

    /** Opens Tasklist's start dialog and the cancellation's start form in it. */
    public void openStartForm() {
        browser.clickable(By.cssSelector(".start-process-action")).click();
        browser.clickable(By.xpath("//a[normalize-space()='" + words.process() + "']"))
                .click();
        browser.visible(By.cssSelector("[id$='Field_AccountId']"));
    }

    /** Starts the cancellation of {@code accountId} through Tasklist's start form. */
    public ProcessInstance start(String accountId) throws Exception {
        openStartForm();
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
        openTaskAndClaim(words.review());
        browser.screenshot("2-review-form");
        browser.clickable(By.xpath("//label[contains(.,'" + words.continueToCancel() + "')]"))
                .click();
        complete();
        waitForTask(instance, Elements.TASK_SUBMIT_REASON);
    }

    /** The reason: too expensive, with a comment; then the confirmation is next. */
    public void giveReason(ProcessInstance instance, String comment) throws Exception {
        openTaskAndClaim(words.reason());
        browser.clickable(By.xpath("//label[contains(.,'" + words.tooExpensive() + "')]"))
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
        openTaskAndClaim(words.confirm());
        browser.clickable(By.cssSelector("[id$='Field_DataLossConsent']")).click();
        browser.screenshot("5-confirmation-form");
        complete();
        browser.until(driver -> taskOf(instance) == null ? true : null);
    }

    public void complete() {
        browser.press(By.xpath("//button[normalize-space()='" + words.complete() + "']"));
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
