package com.saascrm.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import com.saascrm.support.ProblemResponses;

/**
 * Spring Security guards {@code /api/**} only: stateless HTTP Basic against Camunda's identities. The web apps
 * keep their own login and engine-rest its Camunda filter; requests outside {@code /api} pass untouched.
 * Which caller may do what for which account is decided per endpoint, from the domain.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) ->
                unauthorized(response, "Log in with HTTP Basic: the login and password of the CRM");
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized).realmName("account-cancellation"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic authentication: no cookie a browser could replay, so no CSRF token either.
                .csrf(csrf -> csrf.disable())
                .build();
    }

    private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"account-cancellation\"");
        ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, detail);
    }
}
