package com.saascrm.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Spring Security guards {@code /api/**} only: stateless HTTP Basic against Camunda's identities. The web apps
 * keep their own login and engine-rest its Camunda filter; requests outside {@code /api} pass untouched.
 * Which caller may do what for which account is decided per endpoint, from the domain.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) ->
                problem(response, json, HttpStatus.UNAUTHORIZED, "Log in with HTTP Basic: the login and password of the CRM");
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized).realmName("account-cancellation"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic authentication: no cookie a browser could replay, so no CSRF token either.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        response.setStatus(status.value());
        response.setHeader("WWW-Authenticate", "Basic realm=\"account-cancellation\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
