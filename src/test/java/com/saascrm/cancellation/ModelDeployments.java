package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.core.io.ClassPathResource;

/**
 * Versions of the model a test deploys, as the application does (with the wizard's forms, whose binding is the
 * deployment); each becomes the latest version. {@link #undeployAll()} takes them away with their instances.
 */
final class ModelDeployments {

    private static final List<String> FORMS = List.of(
            "start-cancellation.form",
            "review-account-data.form",
            "submit-reason.form",
            "consider-retention-offer.form",
            "confirm-cancellation.form");

    private final RepositoryService repositoryService;
    private final List<String> deployments = new ArrayList<>();

    ModelDeployments(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** Deploys the model in the class path resource {@code model}. */
    ProcessDefinition deploy(String model) {
        return deployText(read(model));
    }

    /** Deploys the model {@code xml}. */
    ProcessDefinition deployText(String xml) {
        DeploymentBuilder deployment = repositoryService
                .createDeployment()
                .name("model-deployments-of-a-test")
                .addString("account-cancellation.bpmn", xml);
        for (String form : FORMS) {
            deployment.addString(form, read(form));
        }
        String id = deployment.deploy().getId();
        deployments.add(id);
        return repositoryService
                .createProcessDefinitionQuery()
                .deploymentId(id)
                .processDefinitionKey(PROCESS_KEY)
                .singleResult();
    }

    /**
     * Deploys the retention offer's table {@code bpmn/retention-offer.dmn} with {@code changes} (text, replacement)
     * made to it, as the business would from Camunda Modeler: the latest version from now on.
     */
    void deployChangedDecision(String... changes) {
        String dmn = read("retention-offer.dmn");
        for (int i = 0; i < changes.length; i += 2) {
            if (!dmn.contains(changes[i])) {
                throw new IllegalArgumentException("The table has no " + changes[i]);
            }
            dmn = dmn.replace(changes[i], changes[i + 1]);
        }
        deployments.add(repositoryService
                .createDeployment()
                .name("retention-offer, changed by a test")
                .addString("retention-offer.dmn", dmn)
                .deploy()
                .getId());
    }

    void undeployAll() {
        deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
        deployments.clear();
    }

    static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
