package com.saascrm.api;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.saascrm.mail.PublicAddress;
import com.saascrm.security.TokenSettings;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI document of {@code /api} ({@code /v3/api-docs}) and its browsable UI ({@code /swagger-ui.html}): every
 * operation with each answer it gives (the errors from {@link ApiProblemAnswers}, examples from {@link ApiExamples}),
 * the ways to log in that this installation accepts, and its public address as the server. Other teams generate their clients from it; the
 * copy in {@code docs/api/openapi.json} is held to it by a test.
 */
@Configuration
class OpenApiConfig {

    private static final String BASIC = "basic";
    private static final String BEARER = "bearer";
    private static final String LICENSE_PAGE = "/help/api-license.html";

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
     * What depends on the installation: its public address, and bearer tokens as a second way to log in where the
     * company's provider is configured. Operations without a login (signed callbacks) say so.
     */
    @Bean
    OpenApiCustomizer installation(PublicAddress address, TokenSettings tokens) {
        return openApi -> {
            openApi.setServers(List.of(new Server().url(address.url()).description("This installation")));
            openApi.getInfo().getLicense().setUrl(address.url() + LICENSE_PAGE);
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

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
