package com.saascrm.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import com.saascrm.account.Eligibility;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The error answers in the OpenAPI document: one shared answer per {@link ApiProblem}, with the problem's schema and
 * an example, and on each operation a reference to every answer it gives. Those are the ones it names
 * ({@link ProblemAnswers}) and those of every operation of its kind: a login asked for (401, and 429 once a client
 * has failed too often), an answer with a body (406 for an Accept header that allows none).
 */
@Component
class ApiProblemAnswers implements OperationCustomizer, OpenApiCustomizer {

    private static final String PROBLEM = "Problem";
    private static final String START_PROBLEM = "CancellationRefusedProblem";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Set<ApiProblem> problems = EnumSet.noneOf(ApiProblem.class);
        ProblemAnswers named = handler.getMethodAnnotation(ProblemAnswers.class);
        if (named != null) {
            problems.addAll(List.of(named.value()));
        }
        if (AnnotatedElementUtils.hasAnnotation(
                handler.getBeanType(), io.swagger.v3.oas.annotations.security.SecurityRequirement.class)) {
            problems.addAll(List.of(ApiProblem.UNAUTHORIZED, ApiProblem.TOO_MANY_REQUESTS));
        }
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping != null && mapping.produces().length > 0) {
            problems.add(ApiProblem.NOT_ACCEPTABLE);
        }
        problems.stream()
                .sorted(Comparator.comparingInt(problem -> problem.status().value()))
                .forEach(problem -> operation
                        .getResponses()
                        .addApiResponse(
                                String.valueOf(problem.status().value()),
                                new ApiResponse().$ref("#/components/responses/" + responseName(problem))));
        return operation;
    }

    /** Here, not in the document's bean: springdoc drops the bean's schemas that no operation refers to itself. */
    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(START_PROBLEM, startProblemSchema());
        Arrays.stream(ApiProblem.values())
                .forEach(problem -> openApi.getComponents().addResponses(responseName(problem), response(problem)));
    }

    private static ApiResponse response(ApiProblem problem) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", problem.status().getReasonPhrase());
        example.put("status", problem.status().value());
        example.put("detail", problem.exampleDetail());
        example.put("instance", "/api/accounts/acme/cancellation");
        if (problem == ApiProblem.START_REFUSED) {
            example.put("type", ApiExceptionHandler.TRIAL_GUIDE.toString());
            example.put("reason", Eligibility.TRIAL_ACCOUNT.name());
            example.put("trialGuide", ApiExceptionHandler.TRIAL_GUIDE.toString());
        }
        String schema = problem == ApiProblem.START_REFUSED ? START_PROBLEM : PROBLEM;
        return new ApiResponse()
                .description(problem.description())
                .content(new Content()
                        .addMediaType(
                                MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new io.swagger.v3.oas.models.media.MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + schema))
                                        .example(example)));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An error (RFC 9457)")
                .addProperty("type", new StringSchema().format("uri-reference").example("about:blank"))
                .addProperty("title", new StringSchema().example(HttpStatus.CONFLICT.getReasonPhrase()))
                .addProperty("status", new IntegerSchema().format("int32").example(409))
                .addProperty("detail", new StringSchema().description("What went wrong, for a person to act on"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .required(List.of("status", "detail"));
    }

    private static Schema<?> startProblemSchema() {
        List<String> reasons = Stream.of(Eligibility.TRIAL_ACCOUNT, Eligibility.ALREADY_CANCELLING)
                .map(Enum::name)
                .toList();
        return new Schema<>()
                .description("A start refused, with its reason")
                .allOf(List.of(
                        new Schema<>().$ref("#/components/schemas/" + PROBLEM),
                        new ObjectSchema()
                                .addProperty(
                                        "reason",
                                        new StringSchema()
                                                ._enum(reasons)
                                                .description("Why the cancellation cannot start"))
                                .addProperty(
                                        "trialGuide",
                                        new StringSchema()
                                                .format("uri-reference")
                                                .description("For a trial account: how trials are cancelled"))
                                .addProperty(
                                        "runningRequest",
                                        new StringSchema()
                                                .description("For an account already being cancelled: the"
                                                        + " processInstanceId of the request that runs"))
                                .required(List.of("reason"))));
    }

    /** {@code START_REFUSED} is the answer {@code StartRefused}. */
    private static String responseName(ApiProblem problem) {
        StringBuilder name = new StringBuilder();
        for (String word : problem.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }
}
