package com.saascrm.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Single sign-on for Camunda's web apps, on where a client of the company's OpenID Connect provider is configured
 * ({@code spring.security.oauth2.client.registration.*}): Spring Security logs the user in through the provider
 * (OAuth2 login), and Camunda's container-based authentication hands that login to the web apps with the groups
 * {@link CallerGroups} gives it ({@link SingleSignOnAuthenticationProvider}). The password form of the web apps is
 * then never reached. Logging out ends the session here and at the provider, so that the next visit asks the
 * provider again.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnOAuth2ClientRegistrationProperties
class WebappSingleSignOnConfig {

    static final String LOGOUT_PATH = "/logout";

    private final String webapps;

    WebappSingleSignOnConfig(CamundaBpmProperties camunda) {
        this.webapps = camunda.getWebapp().getApplicationPath();
    }

    @Bean
    SecurityFilterChain webappSingleSignOn(HttpSecurity http, ClientRegistrationRepository clients) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler providerLogout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        providerLogout.setPostLogoutRedirectUri("{baseUrl}/");
        // Paths of the whole application: the web apps' API is Camunda's own servlet, which Spring MVC's matchers
        // would read relative to that servlet.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(
                        paths.matcher(webapps + "/**"),
                        paths.matcher("/oauth2/**"),
                        paths.matcher("/login/**"),
                        paths.matcher(LOGOUT_PATH)))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                paths.matcher(webapps + "/app/**"), paths.matcher(webapps + "/api/**"))
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2Login(login -> {})
                .logout(logout -> logout.logoutUrl(LOGOUT_PATH)
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .logoutSuccessHandler(providerLogout))
                // The web apps' API has Camunda's own CSRF filter; the session cookie is SameSite=Lax (Camunda's
                // default), so another site cannot send it along with a request that logs the user out.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** After Spring Security (which logs the user in), before the web apps (which read the login from the session). */
    @Bean
    FilterRegistrationBean<Filter> webappContainerAuthentication() {
        FilterRegistrationBean<Filter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("webapp-single-sign-on");
        registration.setInitParameters(Map.of(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                SingleSignOnAuthenticationProvider.class.getName()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns(webapps + "/app/*", webapps + "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }
}
