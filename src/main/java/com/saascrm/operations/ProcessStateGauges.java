package com.saascrm.operations;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.management.IncidentStatistics;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.AccountErasure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The gauges of where things stand, read from the database: cancellations per phase, overdue timers and due jobs,
 * open incidents per element and the age of the oldest, how far the history sweep is behind. They describe the whole
 * cluster, so every node answers the same (a dashboard takes the maximum over the nodes). The database is asked
 * every {@code cancellation.metrics.refresh-interval} (30 seconds), not at each scrape.
 */
@Component
class ProcessStateGauges {

    static final String ACTIVE = "cancellation.requests.active";
    static final String TIMERS_OVERDUE = "cancellation.timers.overdue";
    static final String JOBS_DUE = "cancellation.jobs.due";
    static final String INCIDENTS_OPEN = "cancellation.incidents.open";
    static final String OLDEST_INCIDENT_AGE = "cancellation.incidents.oldest.age";
    static final String HISTORY_SWEEP_LAG = "cancellation.history.sweep.lag";

    private static final Logger log = LoggerFactory.getLogger(ProcessStateGauges.class);

    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final AccountErasure erasure;
    private final Clock clock;
    private final Map<ProcessPhase, AtomicLong> phases = new EnumMap<>(ProcessPhase.class);
    private final AtomicLong timersOverdue = new AtomicLong();
    private final AtomicLong jobsDue = new AtomicLong();
    private final AtomicLong oldestIncidentSeconds = new AtomicLong();
    private final AtomicLong historySweepLagSeconds = new AtomicLong();
    private final MultiGauge incidents;
    /** One holder per series, kept while it has incidents, so that a refresh changes values, not meters. */
    private final Map<Tags, AtomicLong> incidentCounts = new ConcurrentHashMap<>();

    ProcessStateGauges(
            RuntimeService runtimeService,
            ManagementService managementService,
            AccountErasure erasure,
            Clock clock,
            MeterRegistry meters) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.erasure = erasure;
        this.clock = clock;
        for (ProcessPhase phase : ProcessPhase.values()) {
            AtomicLong count = new AtomicLong();
            phases.put(phase, count);
            Gauge.builder(ACTIVE, count, AtomicLong::get)
                    .description("Running cancellations in each phase")
                    .tag("phase", phase.label())
                    .register(meters);
        }
        Gauge.builder(TIMERS_OVERDUE, timersOverdue, AtomicLong::get)
                .description("Timers whose due date has passed and that have not run (retries left, not suspended)")
                .register(meters);
        Gauge.builder(JOBS_DUE, jobsDue, AtomicLong::get)
                .description("Jobs due now and waiting for the job executor: the backlog")
                .register(meters);
        Gauge.builder(OLDEST_INCIDENT_AGE, oldestIncidentSeconds, AtomicLong::get)
                .description("How long the oldest open incident has been open; 0 when none is")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder(HISTORY_SWEEP_LAG, historySweepLagSeconds, AtomicLong::get)
                .description("How long the longest-waiting erased account has waited for the erasure of its history")
                .baseUnit("seconds")
                .register(meters);
        incidents = MultiGauge.builder(INCIDENTS_OPEN)
                .description("Open incidents of cancellations, by element and incident type")
                .register(meters);
    }

    @Scheduled(
            initialDelayString = "${cancellation.metrics.refresh-interval:PT30S}",
            fixedDelayString = "${cancellation.metrics.refresh-interval:PT30S}")
    void refreshOnSchedule() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not read the process state for the metrics; they keep their last values", e);
        }
    }

    /** One at a time: a read that started earlier never writes its older figures over a later one's. */
    synchronized void refresh() {
        Instant now = clock.instant();
        Map<ProcessPhase, Long> perPhase = new EnumMap<>(ProcessPhase.class);
        Map<Tags, Long> openIncidents = new HashMap<>();
        for (ProcessDefinitionStatistics definition : runningDefinitions()) {
            for (ActivityStatistics element : managementService
                    .createActivityStatisticsQuery(definition.getId())
                    .includeIncidents()
                    .list()) {
                ProcessPhase.ofElement(element.getId())
                        .ifPresent(phase -> perPhase.merge(phase, (long) element.getInstances(), Long::sum));
                for (IncidentStatistics incident : element.getIncidentStatistics()) {
                    openIncidents.merge(
                            Tags.of("activity", element.getId(), "type", incident.getIncidentType()),
                            (long) incident.getIncidentCount(),
                            Long::sum);
                }
            }
        }
        perPhase.merge(ProcessPhase.PURGE, cancellationsAtTheirHolders(), Long::sum);
        phases.forEach((phase, count) -> count.set(perPhase.getOrDefault(phase, 0L)));
        // Registering with overwrite would remove and add every series again at each refresh, and a scrape in
        // between would find no open incidents at all (it did, once in a test run).
        incidentCounts.keySet().retainAll(openIncidents.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        openIncidents.forEach((tags, count) -> {
            AtomicLong series = incidentCounts.computeIfAbsent(tags, newSeries -> new AtomicLong());
            series.set(count);
            rows.add(MultiGauge.Row.of(tags, series, AtomicLong::get));
        });
        incidents.register(rows, false);

        timersOverdue.set(managementService
                .createJobQuery()
                .timers()
                .active()
                .withRetriesLeft()
                .duedateLowerThan(Date.from(now))
                .count());
        jobsDue.set(managementService.createJobQuery().executable().active().count());
        oldestIncidentSeconds.set(
                runtimeService.createIncidentQuery().orderByIncidentTimestamp().asc().listPage(0, 1).stream()
                        .map(Incident::getIncidentTimestamp)
                        .map(since -> secondsBetween(since.toInstant(), now))
                        .findFirst()
                        .orElse(0L));
        historySweepLagSeconds.set(erasure.oldestAwaitingHistoryErasure()
                .map(since -> secondsBetween(since, now))
                .orElse(0L));
    }

    private long cancellationsAtTheirHolders() {
        Set<String> instances = new HashSet<>();
        for (String element : ProcessPhase.AT_EACH_HOLDER) {
            runtimeService
                    .createExecutionQuery()
                    .processDefinitionKey(PROCESS_KEY)
                    .activityId(element)
                    .list()
                    .forEach(execution -> instances.add(execution.getProcessInstanceId()));
        }
        return instances.size();
    }

    /** The versions of the model with running instances: each keeps its own elements and statistics. */
    private List<ProcessDefinitionStatistics> runningDefinitions() {
        return managementService.createProcessDefinitionStatisticsQuery().list().stream()
                .filter(definition -> PROCESS_KEY.equals(definition.getKey()))
                .filter(definition -> definition.getInstances() > 0)
                .toList();
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
