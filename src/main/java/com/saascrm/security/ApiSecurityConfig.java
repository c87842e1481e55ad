package com.saascrm.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import com.saascrm.support.ProblemResponses;

/**
 * Spring Security guards {@code /api/**} and the actuator here: stateless HTTP Basic against Camunda's identities, and bearer tokens
 * of the company's OpenID Connect provider where one is configured ({@link BearerTokens}). The web apps keep their
 * own login, or log in through the provider ({@link WebappSingleSignOnConfig}); engine-rest keeps its Camunda
 * filter.
 * Which caller may do what for which account is decided per endpoint, from the domain.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityConfig {

    static final String BILLING_WEBHOOK = "/api/billing/stripe/webhook";
    static final String ERASURE_HOLDER_CALLBACKS = "/api/erasure-holders/*/confirmations";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<BearerTokens> tokens) throws Exception {
        http.securityMatcher("/api/**")
                // The billing provider's webhook and the data holders' confirmations prove themselves by the
                // signature of their bodies, not by a login.
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(HttpMethod.POST, BILLING_WEBHOOK, ERASURE_HOLDER_CALLBACKS)
                                .permitAll()
                                .anyRequest()
                                .authenticated());
        return basicOrBearer(http, tokens.getIfAvailable()).build();
    }

    /**
     * The actuator: health and its probes answer anyone (the load balancer, the orchestrator) with a status only; the
     * parts of it (database, job executor, mail) and every other endpoint, the metrics included, are for operations.
     */
    @Bean
    SecurityFilterChain operationsEndpointsSecurity(HttpSecurity http, ObjectProvider<BearerTokens> tokens)
            throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + AccountGroups.OPERATIONS))
                .exceptionHandling(
                        errors -> errors.accessDeniedHandler((request, response, denied) -> ProblemResponses.write(
                                response, HttpServletResponse.SC_FORBIDDEN, "Only operations may read this")));
        return basicOrBearer(http, tokens.getIfAvailable()).build();
    }

    /** Stateless HTTP Basic, and bearer tokens where the company's provider is configured. */
    private static HttpSecurity basicOrBearer(HttpSecurity http, BearerTokens bearer) throws Exception {
        String challenge = bearer == null
                ? "Basic realm=\"account-cancellation\""
                : "Bearer realm=\"account-cancellation\", Basic realm=\"account-cancellation\"";
        String detail = bearer == null
                ? "Log in with HTTP Basic: the login and password of the CRM"
                : "Send a valid bearer token of the company's login, or log in with HTTP Basic";
        AuthenticationEntryPoint unauthorized =
                (request, response, exception) -> unauthorized(response, challenge, detail);
        http.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized).realmName("account-cancellation"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic and bearer authentication: no cookie a browser could replay, so no CSRF token.
                .csrf(csrf -> csrf.disable());
        if (bearer != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthorized)
                    .jwt(jwt -> jwt.decoder(bearer.decoder()).jwtAuthenticationConverter(bearer::authentication)));
        }
        return http;
    }

    private static void unauthorized(HttpServletResponse response, String challenge, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", challenge);
        ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, detail);
    }
}
