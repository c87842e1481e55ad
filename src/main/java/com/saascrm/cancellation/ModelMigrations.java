package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Brings running cancellations onto the latest version of the model, for operations: one migration plan per earlier
 * version that still has running instances, each started by operations as a Camunda batch of its own (its progress
 * and failures are in Cockpit's batch view). A plan maps every element that kept its id, and the elements a later version renamed
 * ({@link #RENAMED}), so that a timer keeps its job and its due date instead of being created anew from the moment
 * of the migration. Listeners and input mappings are skipped: an instance that moves has already done what they do.
 */
@Service
public class ModelMigrations {

    private static final Logger log = LoggerFactory.getLogger(ModelMigrations.class);

    /**
     * The elements with state (a job, a subscription) that each version of the model renamed, by that version. An
     * element a version removes has to be left first or mapped here to its successor; the migration refuses a plan
     * that leaves an instance without a place in the new version.
     */
    static final Map<Integer, Map<String, String>> RENAMED = Map.of(
            2,
            Map.of(
                    "Event_AbandonRequested", "Message_AbandonRequested",
                    "Event_WithdrawalRequested", "Message_WithdrawalRequested",
                    "Event_ResendRequestedBeforeLockout", "Message_ResendRequestedBeforeLockout",
                    "Event_ReopeningRequested", "Message_ReopeningRequested",
                    "Event_ResendRequestedWhileLocked", "Message_ResendRequestedWhileLocked"));

    /**
     * Instances of an earlier version, how the plan to the latest maps their elements ({@code from -> to}), and the
     * elements where instances wait that the plan does not map (each would fail its batch job): none, or the
     * migration does not start.
     */
    public record PendingMigration(
            int fromVersion,
            int fromModelVersion,
            int toVersion,
            int toModelVersion,
            long runningInstances,
            List<String> mappings,
            List<String> unmapped) {}

    /** A migration that has started: the batch that moves the instances of one earlier version. */
    public record StartedMigration(int fromVersion, int toVersion, long instances, String batchId) {}

    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;

    ModelMigrations(
            RepositoryService repositoryService, RuntimeService runtimeService, ManagementService managementService) {
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
    }

    /** What {@link #start} would move now, version by version; changes nothing. */
    public List<PendingMigration> pending() {
        ProcessDefinition latest = latest();
        return earlierWithRunningInstances(latest).stream()
                .map(earlier -> pendingOf(earlier, latest, plan(earlier, latest)))
                .toList();
    }

    /**
     * Starts the batch that moves the running instances of version {@code fromVersion} (the engine's version number,
     * as {@link #pending()} lists it) to the latest. Starts none while instances wait at an element that the plan
     * does not map.
     */
    public StartedMigration start(int fromVersion) {
        ProcessDefinition latest = latest();
        ProcessDefinition earlier = repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processDefinitionVersion(fromVersion)
                .singleResult();
        if (earlier == null || fromVersion >= latest.getVersion() || runningInstances(earlier) == 0) {
            throw new CancellationStateException("Version " + fromVersion
                    + " has no running cancellations to move to version " + latest.getVersion());
        }
        MigrationPlan plan = plan(earlier, latest);
        PendingMigration pending = pendingOf(earlier, latest, plan);
        if (!pending.unmapped().isEmpty()) {
            throw new CancellationStateException("No migration started: instances of version " + fromVersion
                    + " wait at elements version " + latest.getVersion() + " does not have; map them in "
                    + "ModelMigrations.RENAMED first (" + String.join("; ", pending.unmapped()) + ")");
        }
        Batch batch = runtimeService
                .newMigration(plan)
                .processInstanceQuery(
                        runtimeService.createProcessInstanceQuery().processDefinitionId(earlier.getId()))
                .skipCustomListeners()
                .skipIoMappings()
                .executeAsync();
        log.info(
                "Migrating {} cancellations from version {} to version {} of the model: batch {}",
                pending.runningInstances(),
                fromVersion,
                latest.getVersion(),
                batch.getId());
        return new StartedMigration(fromVersion, latest.getVersion(), pending.runningInstances(), batch.getId());
    }

    private PendingMigration pendingOf(ProcessDefinition earlier, ProcessDefinition latest, MigrationPlan plan) {
        Set<String> mapped = plan.getInstructions().stream()
                .map(MigrationInstruction::getSourceActivityId)
                .collect(Collectors.toSet());
        return new PendingMigration(
                earlier.getVersion(),
                modelVersion(earlier),
                latest.getVersion(),
                modelVersion(latest),
                runningInstances(earlier),
                plan.getInstructions().stream()
                        .map(instruction ->
                                instruction.getSourceActivityId() + " -> " + instruction.getTargetActivityId())
                        .sorted()
                        .toList(),
                managementService.createActivityStatisticsQuery(earlier.getId()).list().stream()
                        .filter(element -> element.getInstances() > 0 && !mapped.contains(element.getId()))
                        .map(element -> element.getId() + ": " + element.getInstances() + " instances")
                        .sorted()
                        .toList());
    }

    MigrationPlan plan(ProcessDefinition source, ProcessDefinition target) {
        MigrationPlanBuilder plan = runtimeService
                .createMigrationPlan(source.getId(), target.getId())
                .mapEqualActivities();
        renamedBetween(modelVersion(source), modelVersion(target)).forEach(plan::mapActivities);
        return plan.build();
    }

    /** Each element of {@code from} that the versions after it up to {@code to} renamed, with its name in {@code to}. */
    static Map<String, String> renamedBetween(int from, int to) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int version = from + 1; version <= to; version++) {
            Map<String, String> renamed = RENAMED.getOrDefault(version, Map.of());
            mapping.replaceAll((original, current) -> renamed.getOrDefault(current, current));
            renamed.forEach(mapping::putIfAbsent);
        }
        return mapping;
    }

    /** The model's own version ({@code camunda:versionTag}); the first had none. */
    static int modelVersion(ProcessDefinition definition) {
        return definition.getVersionTag() == null ? 1 : Integer.parseInt(definition.getVersionTag());
    }

    private ProcessDefinition latest() {
        return repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .latestVersion()
                .singleResult();
    }

    private List<ProcessDefinition> earlierWithRunningInstances(ProcessDefinition latest) {
        return repositoryService
                .createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY)
                .orderByProcessDefinitionVersion()
                .asc()
                .list()
                .stream()
                .filter(definition -> definition.getVersion() < latest.getVersion())
                .filter(definition -> runningInstances(definition) > 0)
                .toList();
    }

    private long runningInstances(ProcessDefinition definition) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionId(definition.getId())
                .count();
    }
}
