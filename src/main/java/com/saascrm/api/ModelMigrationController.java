package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.CONFLICT;
import static com.saascrm.api.ApiProblem.FORBIDDEN;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.cancellation.ModelMigrations;
import com.saascrm.cancellation.ModelMigrations.PendingMigration;
import com.saascrm.cancellation.ModelMigrations.StartedMigration;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The migration runbook's two calls: what would move to the latest model version, and moving it (operations). */
@RestController
@Tag(name = "Operations")
@SecurityRequirement(name = "basic")
class ModelMigrationController {

    private static final String PATH = "/api/operations/model-migrations";

    private final ModelMigrations migrations;

    ModelMigrationController(ModelMigrations migrations) {
        this.migrations = migrations;
    }

    @Operation(
            operationId = "getPendingMigrations",
            summary = "Running cancellations on earlier model versions, and how each plan maps them (operations)")
    @ProblemAnswers({FORBIDDEN})
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    List<PendingMigration> pending(Authentication authentication) {
        requireOperations(authentication);
        return migrations.pending();
    }

    @Operation(
            operationId = "startMigration",
            summary = "Moves the running cancellations of one earlier version to the latest, as a Camunda batch "
                    + "(operations); 409 while the plan leaves some without a place")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, CONFLICT})
    @PostMapping(path = PATH + "/{fromVersion}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    StartedMigration start(@PathVariable int fromVersion, Authentication authentication) {
        requireOperations(authentication);
        return migrations.start(fromVersion);
    }

    private static void requireOperations(Authentication authentication) {
        if (!ApiCaller.of(authentication).isIn(AccountGroups.OPERATIONS)) {
            throw new ApiForbiddenException("Only operations may migrate running cancellations");
        }
    }
}
