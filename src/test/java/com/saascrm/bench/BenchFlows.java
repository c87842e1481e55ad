package com.saascrm.bench;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import com.saascrm.testsupport.Cancellations;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Steps the benchmarks share: a cancellation through the engine's Java API, and the baselines' bare processes. */
final class BenchFlows {

    static final String ONE_TASK = "bench-one-user-task";
    static final String ONE_TIMER = "bench-one-timer";

    private BenchFlows() {}

    /** Starts as the account's admin and completes the three wizard steps. */
    static String cancel(ProcessEngine engine, TestAccount account) {
        String instanceId =
                Cancellations.startAs(engine, account.admin(), account.id()).getId();
        Cancellations.completeWizard(engine, instanceId);
        return instanceId;
    }

    /** Executes the instance's jobs in this thread until none is left; returns how many ran. */
    static long runAllJobs(ProcessEngine engine, String instanceId) {
        long jobs = 0;
        Job job;
        while ((job =
                        engine
                                .getManagementService()
                                .createJobQuery()
                                .processInstanceId(instanceId)
                                .listPage(0, 1)
                                .stream()
                                .findFirst()
                                .orElse(null))
                != null) {
            engine.getManagementService().executeJob(job.getId());
            jobs++;
        }
        return jobs;
    }

    /** The baselines: a start event, one user task or one timer, an end. */
    static void deployBaselines(ProcessEngine engine) {
        BpmnModelInstance oneTask = Bpmn.createExecutableProcess(ONE_TASK)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Work")
                .camundaCandidateGroups("account-admins")
                .endEvent()
                .done();
        BpmnModelInstance oneTimer = Bpmn.createExecutableProcess(ONE_TIMER)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent("Timer_Due")
                .timerWithDate("${due}")
                .endEvent()
                .done();
        engine.getRepositoryService()
                .createDeployment()
                .name("benchmark baselines")
                .addModelInstance(ONE_TASK + ".bpmn", oneTask)
                .addModelInstance(ONE_TIMER + ".bpmn", oneTimer)
                .deploy();
    }
}
