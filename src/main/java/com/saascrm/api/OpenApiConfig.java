package com.saascrm.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document of {@code /api} ({@code /v3/api-docs}) and its browsable UI ({@code /swagger-ui.html}). */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI cancellationApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Account cancellation API")
                        .version("1")
                        .description("Start and drive the cancellation of a paid account. Errors are "
                                + "application/problem+json (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")));
    }
}
