package com.saascrm.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;
import com.saascrm.testsupport.WizardAnswers;

/**
 * Several people and systems using the same accounts at once, over HTTP, for a fixed time: per account two admins
 * go through starts, wizard steps, claims, abandons and withdrawals in different orders, while support reads the status
 * and operations the statistics. Requests go to the nodes in turn. Every answer is recorded; afterwards each
 * account's rows, its request row and its process must agree.
 */
final class CancellationChurn {

    /** What a caller does, and the answers the API and engine-rest document for it. */
    enum Move {
        START(201, 409),
        WIZARD_STEP(204, 400),
        CLAIM(204, 400),
        ABANDON(204, 409),
        WITHDRAW(200, 409),
        STATUS(200, 404),
        STATISTICS(200),
        TASK_LIST(200);

        private final Set<Integer> documented;

        Move(Integer... documented) {
            this.documented = Set.of(documented);
        }
    }

    record Answer(Move move, int status, String body) {

        boolean documented() {
            // The only 400s the test provokes: a task that another caller completed or claimed a moment ago.
            return move.documented.contains(status)
                    && (status != 400
                            || body.contains("is not open")
                            || body.contains("already claimed by someone else"));
        }

        @Override
        public String toString() {
            return move + " " + status + (documented() ? "" : " " + body);
        }
    }

    private static final List<Move> ALICE =
            List.of(Move.START, Move.WIZARD_STEP, Move.WIZARD_STEP, Move.WIZARD_STEP, Move.STATUS, Move.WITHDRAW);
    private static final List<Move> BOB = List.of(
            Move.START,
            Move.WIZARD_STEP,
            Move.CLAIM,
            Move.WIZARD_STEP,
            Move.WIZARD_STEP,
            Move.WITHDRAW,
            Move.START,
            // A claim on a task that the other admin completes a moment later is a 400: two claims a round, so
            // that one of them meets an open task also on a slow machine.
            Move.CLAIM,
            Move.WIZARD_STEP,
            Move.ABANDON,
            Move.STATUS);
    private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");
    private static final Map<String, Map<String, Object>> STEP_ANSWERS =
            WizardAnswers.plain().steps();

    /**
     * Where a node answers: its HTTP client, and the root of its engine-rest (with several engines in one JVM, each
     * node's engine is reached by name).
     */
    record Node(TestRestTemplate rest, String engineRest) {}

    private static final Duration IDLE_JOB_RUNNER = Duration.ofMillis(50);
    private static final String JOB_RUNNER = "job-runner";

    private final List<Node> nodes;
    private final AtomicInteger nextNode = new AtomicInteger();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private ProcessEngine jobRunner;

    CancellationChurn(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * For nodes without a job executor: one more caller runs the accounts' due jobs during the churn, as a job
     * executor would (the billing step after a confirmation, a withdrawal's, the mails).
     */
    CancellationChurn runningJobsOn(ProcessEngine engine) {
        this.jobRunner = engine;
        return this;
    }

    /** Runs until {@code length} has passed; every caller finishes the call it is in, within a minute. */
    List<Answer> run(List<TestAccount> accounts, String support, String operations, Duration length) throws Exception {
        long deadline = System.nanoTime() + length.toNanos();
        List<Runnable> callers = new ArrayList<>();
        for (TestAccount account : accounts) {
            callers.add(() -> repeat(deadline, account.admin(), List.of(account), ALICE));
            callers.add(() -> repeat(deadline, account.secondAdmin(), List.of(account), BOB));
        }
        callers.add(() -> repeat(deadline, support, accounts, List.of(Move.STATUS)));
        callers.add(() -> repeat(deadline, operations, accounts.subList(0, 1), List.of(Move.STATISTICS)));
        if (jobRunner != null) {
            callers.add(() -> runJobs(deadline, jobRunner, accounts));
        }
        ExecutorService threads = Executors.newFixedThreadPool(callers.size());
        try {
            List<Future<?>> running =
                    callers.stream().<Future<?>>map(threads::submit).toList();
            for (Future<?> caller : running) {
                caller.get(length.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return List.copyOf(answers);
    }

    /** Makes the moves in turn, on the accounts in turn, until the deadline. */
    private void repeat(long deadline, String login, List<TestAccount> accounts, List<Move> moves) {
        for (int round = 0; System.nanoTime() < deadline; round++) {
            Node node = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
            ApiClient client = new ApiClient(node.rest(), login, TestAccounts.PASSWORD);
            Move move = moves.get(round % moves.size());
            TestAccount account = accounts.get(round % accounts.size());
            if (move == Move.WIZARD_STEP || move == Move.CLAIM) {
                actOnOpenStep(move, client, login, node.engineRest(), account);
            } else {
                ApiClient.Answer answer = make(move, client, account);
                answers.add(new Answer(move, answer.status(), answer.response().getBody()));
            }
        }
    }

    private static ApiClient.Answer make(Move move, ApiClient client, TestAccount account) {
        String cancellation = "/api/accounts/" + account.id() + "/cancellation";
        return switch (move) {
            case START -> client.post(cancellation);
            case ABANDON -> client.delete(cancellation);
            case WITHDRAW -> client.post(cancellation + "/withdrawal");
            case STATUS -> client.get(cancellation);
            case STATISTICS -> client.get("/api/statistics/cancellation-reasons");
            default -> throw new IllegalArgumentException(move.name());
        };
    }

    /**
     * As Tasklist and engine-rest clients do it: the task list, then the open task claimed, or completed with the
     * step's answers through submit-form and complete in turn.
     */
    private void actOnOpenStep(Move move, ApiClient client, String login, String engineRest, TestAccount account) {
        ApiClient.Answer list = client.get(engineRest + "/task?processInstanceBusinessKey=" + account.id());
        answers.add(new Answer(Move.TASK_LIST, list.status(), list.response().getBody()));
        if (list.status() != 200 || list.json().isEmpty()) {
            return;
        }
        JsonNode task = list.json().get(0);
        if (move == Move.CLAIM) {
            ApiClient.Answer claimed = client.postJson(
                    engineRest + "/task/" + task.path("id").asText() + "/claim", Map.of("userId", login));
            answers.add(
                    new Answer(Move.CLAIM, claimed.status(), claimed.response().getBody()));
            return;
        }
        Map<String, Object> variables = ApiClient.typedVariables(
                STEP_ANSWERS.get(task.path("taskDefinitionKey").asText()));
        String route = nextNode.get() % 2 == 0 ? "/submit-form" : "/complete";
        ApiClient.Answer completed = client.postJson(
                engineRest + "/task/" + task.path("id").asText() + route, Map.of("variables", variables));
        answers.add(new Answer(
                Move.WIZARD_STEP, completed.status(), completed.response().getBody()));
    }

    /** Counts of the answers per move and status, for the test's message. */
    static Map<Move, Map<Integer, Long>> tally(List<Answer> answers) {
        Map<Move, Map<Integer, Long>> tally = new EnumMap<>(Move.class);
        for (Answer answer : answers) {
            tally.computeIfAbsent(answer.move(), move -> new TreeMap<>()).merge(answer.status(), 1L, Long::sum);
        }
        return tally;
    }

    /**
     * Every answer documented, none a 5xx, and the churn did go round: cancellations started, stepped through,
     * abandoned and withdrawn.
     */
    static void assertAnswersDocumented(List<Answer> answers) {
        Map<Move, Map<Integer, Long>> tally = tally(answers);
        System.out.println("Answers of the churn by move and status: " + tally);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(answers).as("answers").hasSizeGreaterThan(50);
        softly.assertThat(answers)
                .filteredOn(answer -> !answer.documented())
                .as("undocumented answers")
                .isEmpty();
        for (Map.Entry<Move, Integer> needed : Map.of(
                        Move.START, 201, Move.WIZARD_STEP, 204, Move.CLAIM, 204, Move.ABANDON, 204, Move.WITHDRAW, 200)
                .entrySet()) {
            softly.assertThat(tally.getOrDefault(needed.getKey(), Map.of()))
                    .as("%s in %s", needed, tally)
                    .containsKey(needed.getValue());
        }
        softly.assertAll();
    }

    /** The jobs that are due for the accounts' cancellations (confirmation mails), run here until none is left. */
    static void runDueJobs(ProcessEngine engine, List<TestAccount> accounts) {
        for (int round = 0; round < 10; round++) {
            List<String> due = dueJobs(engine, accounts);
            if (due.isEmpty()) {
                return;
            }
            due.forEach(engine.getManagementService()::executeJob);
        }
        throw new AssertionError("Jobs of the churned accounts keep coming due");
    }

    /**
     * Until the deadline, as a job executor: a job that loses a race with a caller (the instance moved on) fails
     * and is tried again, as the engine's retries would.
     */
    private static void runJobs(long deadline, ProcessEngine engine, List<TestAccount> accounts) {
        Thread.currentThread().setName(JOB_RUNNER);
        while (System.nanoTime() < deadline) {
            List<String> due = dueJobs(engine, accounts);
            for (String job : due) {
                try {
                    engine.getManagementService().executeJob(job);
                } catch (ProcessEngineException racedWithACaller) {
                    // left to its retry
                }
            }
            if (due.isEmpty()) {
                LockSupport.parkNanos(IDLE_JOB_RUNNER.toNanos());
            }
        }
    }

    private static List<String> dueJobs(ProcessEngine engine, List<TestAccount> accounts) {
        return accounts.stream()
                .flatMap(account -> engine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(account.id())
                        .list()
                        .stream())
                .flatMap(instance -> engine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .executable()
                        .list()
                        .stream())
                .map(Job::getId)
                .toList();
    }

    /**
     * After the churn (and its due jobs), each account is in one of the states a cancellation leaves it in, and
     * every record says the same: at most one running instance, and a request row exactly with it, of the same id;
     * the account active while the instance is in the wizard or there is none, cancellation scheduled once the
     * wizard is through.
     */
    static void assertAccountsAgree(List<TestAccount> accounts, ProcessEngine engine, JdbcClient jdbc) {
        SoftAssertions softly = new SoftAssertions();
        for (TestAccount account : accounts) {
            List<ProcessInstance> running = engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(account.id())
                    .list();
            List<String> requests = jdbc.sql("SELECT request_id FROM cancellation_request WHERE account_id = ?")
                    .param(account.id())
                    .query(String.class)
                    .list();
            String status = jdbc.sql("SELECT status FROM account WHERE id = ?")
                    .param(account.id())
                    .query(String.class)
                    .single();
            softly.assertThat(running)
                    .as("running cancellations of %s", account.id())
                    .hasSizeLessThanOrEqualTo(1);
            softly.assertThat(requests)
                    .as("request row of %s", account.id())
                    .isEqualTo(running.stream().map(ProcessInstance::getId).toList());
            boolean inWizard = running.stream()
                    .anyMatch(instance -> engine.getTaskService()
                                    .createTaskQuery()
                                    .processInstanceId(instance.getId())
                                    .count()
                            > 0);
            String expected = running.isEmpty() || inWizard ? "ACTIVE" : "CANCELLATION_SCHEDULED";
            softly.assertThat(status)
                    .as("status of %s with %s running", account.id(), running.size())
                    .isEqualTo(expected);
            for (ProcessInstance instance : running) {
                softly.assertThat(engine.getRuntimeService()
                                .createIncidentQuery()
                                .processInstanceId(instance.getId())
                                .count())
                        .as("incidents of %s", account.id())
                        .isZero();
            }
        }
        softly.assertAll();
    }

    /**
     * Each ERROR line of the log with the causes of its exception, so that a failure on a build server says what
     * went wrong without the whole log.
     */
    static List<String> errors(String log) {
        List<String> errors = new ArrayList<>();
        StringBuilder current = null;
        for (String line : log.lines().toList()) {
            if (line.contains(" ERROR ") && !isJobRunnersLateJob(line)) {
                current = new StringBuilder(line);
                errors.add(null);
            } else if (current != null && LOG_LINE.matcher(line).lookingAt()) {
                current = null;
            } else if (current != null && line.startsWith("Caused by: ")) {
                current.append(System.lineSeparator()).append(line);
            }
            if (current != null) {
                errors.set(errors.size() - 1, current.toString());
            }
        }
        return errors;
    }

    /**
     * The test's job runner executes a job it listed a moment before; a withdrawal or abandon may have removed it
     * since. The engine logs that at ERROR; a job executor, which locks the jobs it takes, does not meet it.
     */
    private static boolean isJobRunnersLateJob(String line) {
        return line.contains(JOB_RUNNER + "]") && line.contains("ENGINE-14026 No job found");
    }
}
