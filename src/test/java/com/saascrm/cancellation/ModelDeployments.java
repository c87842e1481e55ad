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
