package com.saascrm.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.account.Eligibility;
import com.saascrm.mail.PublicAddress;
import com.saascrm.security.TokenSettings;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI document of {@code /api} ({@code /v3/api-docs}) and its browsable UI ({@code /swagger-ui.html}): every
 * operation with each answer it gives, the errors from {@link ProblemAnswers}, the ways to log in that this
 * installation accepts, and its public address as the server. Other teams generate their clients from it; the
 * copy in {@code docs/api/openapi.json} is held to it by a test.
 */
@Configuration
class OpenApiConfig {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";
    private static final String START_PROBLEM = "CancellationRefusedProblem";
    private static final String RESPONSES = "#/components/responses/";
    private static final String LICENSE_PAGE = "/help/api-license.html";
    /** What a request or an answer looks like, by the name of its schema. */
    private static final Map<String, Object> EXAMPLES = examples("/openapi/examples.json");

    @Bean
    OpenAPI cancellationApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Account cancellation API")
                        .version("1")
                        .description("Start and drive the cancellation of a paid account, feed the directory of"
                                + " accounts and users, and read the statistics. Every error is"
                                + " application/problem+json (RFC 9457) with a detail a person can act on; an error"
                                + " nobody foresaw is a 500 with a reference to quote to support. Any request with an"
                                + " Expect header other than 100-continue is answered 417 by the server.")
                        .license(new License().name("Proprietary: for the company's own systems")))
                .tags(List.of(
                        tag("Cancellation", "The cancellation of one account, from the wizard's start to the erasure"),
                        tag("Data portability", "An account's CRM data as a ZIP of CSV files, out and in"),
                        tag("Directory feed", "The CRM's backend keeps accounts and their users in step here"),
                        tag("Statistics", "Anonymous counts of the cancellations, for operations and support"),
                        tag("Operations", "Moving running cancellations to the latest model version"),
                        tag("Billing webhook", "The billing provider's events, signed by the provider"),
                        tag("Erasure holders", "The other systems that hold an account's data confirm its erasure")))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("The login and password of the CRM")));
    }

    /**
     * The error answers of each operation as references to one shared answer per kind: those it names, and those of
     * every operation of its kind: a login asked for (401, and 429 once a client has failed too often), an answer
     * with a body (406 for an Accept header that allows none).
     */
    @Bean
    OperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            Set<ApiProblem> problems = EnumSet.noneOf(ApiProblem.class);
            ProblemAnswers named = handler.getMethodAnnotation(ProblemAnswers.class);
            if (named != null) {
                problems.addAll(List.of(named.value()));
            }
            if (AnnotatedElementUtils.hasAnnotation(
                    handler.getBeanType(), io.swagger.v3.oas.annotations.security.SecurityRequirement.class)) {
                problems.addAll(List.of(ApiProblem.UNAUTHORIZED, ApiProblem.TOO_MANY_REQUESTS));
            }
            RequestMapping mapping =
                    AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (mapping != null && mapping.produces().length > 0) {
                problems.add(ApiProblem.NOT_ACCEPTABLE);
            }
            problems.stream()
                    .sorted(Comparator.comparingInt(problem -> problem.status().value()))
                    .forEach(problem -> operation
                            .getResponses()
                            .addApiResponse(
                                    String.valueOf(problem.status().value()),
                                    new ApiResponse().$ref(RESPONSES + responseName(problem))));
            return operation;
        };
    }

    /**
     * What depends on the installation: its public address, and bearer tokens as a second way to log in where the
     * company's provider is configured. Operations without a login (signed callbacks) say so.
     */
    @Bean
    OpenApiCustomizer installation(PublicAddress address, TokenSettings tokens) {
        return openApi -> {
            openApi.setServers(List.of(new Server().url(address.url()).description("This installation")));
            openApi.getInfo().getLicense().setUrl(address.url() + LICENSE_PAGE);
            EXAMPLES.forEach((schema, example) -> Optional.ofNullable(
                            openApi.getComponents().getSchemas().get(schema))
                    .orElseThrow(() -> new IllegalStateException("An example of " + schema + ", which is no schema"))
                    .setExample(example));
            // Here, not in the bean above: springdoc drops the bean's schemas that no operation refers to.
            openApi.getComponents()
                    .addSchemas(PROBLEM, problemSchema())
                    .addSchemas(START_PROBLEM, startProblemSchema());
            Arrays.stream(ApiProblem.values())
                    .forEach(problem ->
                            openApi.getComponents().addResponses(responseName(problem), problemResponse(problem)));
            if (tokens.enabled()) {
                openApi.getComponents()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token of the company's OpenID Connect provider"));
            }
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .forEach(operation -> {
                        if (operation.getSecurity() == null) {
                            operation.setSecurity(List.of());
                        } else if (tokens.enabled()) {
                            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                        }
                    });
        };
    }

    private static ApiResponse problemResponse(ApiProblem problem) {
        Map<String, Object> example = new java.util.LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", problem.status().getReasonPhrase());
        example.put("status", problem.status().value());
        example.put("detail", problem.exampleDetail());
        example.put("instance", "/api/accounts/acme/cancellation");
        if (problem == ApiProblem.START_REFUSED) {
            example.put("type", ApiExceptionHandler.TRIAL_GUIDE.toString());
            example.put("reason", "TRIAL_ACCOUNT");
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
        return new Schema<>()
                .description("A start refused, with its reason")
                .allOf(List.of(
                        new Schema<>().$ref("#/components/schemas/" + PROBLEM),
                        new ObjectSchema()
                                .addProperty(
                                        "reason",
                                        new StringSchema()
                                                ._enum(refusalReasons())
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

    private static List<String> refusalReasons() {
        return Stream.of(Eligibility.TRIAL_ACCOUNT, Eligibility.ALREADY_CANCELLING)
                .map(Enum::name)
                .toList();
    }

    private static Map<String, Object> examples(String resource) {
        try (InputStream in = OpenApiConfig.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
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
