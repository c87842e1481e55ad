package com.saascrm.security.throttle;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The login throttle in front of the routes that check passwords: the API, the actuator, engine-rest and the web
 * apps' login form. It runs before Spring Security and Camunda's filters, so a refused attempt reaches no password check,
 * and they share one count: a guesser cannot take five tries on each.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LoginThrottleConfig {

    /** After the setup endpoint block and the character encoding, before everything else. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    private final ClientAddresses clients;
    private final LoginThrottle throttle;
    private final LoginRefusals refusals;
    // Looked up at the first request: filters are built while the web server starts, which may be before the engine.
    private final ObjectProvider<IdentityService> identityService;

    LoginThrottleConfig(
            ClientAddresses clients,
            LoginThrottle throttle,
            LoginRefusals refusals,
            ObjectProvider<IdentityService> identityService) {
        this.clients = clients;
        this.throttle = throttle;
        this.refusals = refusals;
        this.identityService = identityService;
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> apiLoginThrottle() {
        return register(new BasicLoginRoute("api", RefusalFormat.PROBLEM_DETAIL), "/api/*");
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> actuatorLoginThrottle() {
        return register(new BasicLoginRoute("actuator", RefusalFormat.PROBLEM_DETAIL), "/actuator/*");
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> engineRestLoginThrottle() {
        return register(new BasicLoginRoute("engine-rest", RefusalFormat.CAMUNDA_ERROR), "/engine-rest/*");
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> webappLoginThrottle(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        return register(new WebappLoginFormRoute(), webappPath + "/api/admin/auth/user/*");
    }

    private FilterRegistrationBean<LoginThrottleFilter> register(LoginRoute route, String urlPattern) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(
                new LoginThrottleFilter(route, clients, throttle, refusals, identityService));
        registration.setName("login-throttle-" + route.name().replace(' ', '-'));
        registration.addUrlPatterns(urlPattern);
        registration.setOrder(ORDER);
        return registration;
    }
}
