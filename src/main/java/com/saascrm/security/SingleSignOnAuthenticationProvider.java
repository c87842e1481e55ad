package com.saascrm.security;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Gives Camunda's web apps the user that Spring Security logged in through the company's provider: the login from
 * the claim {@code cancellation.security.tokens.login-claim} of the ID token. Its groups are left to the identity
 * service (account groups from the directory, staff groups from the token's claim: security.identity), which the
 * web apps ask again every few minutes anyway, so that login and every later check follow one rule. Camunda's
 * filter creates this class by name, so it finds the settings in the application context of the request.
 */
public class SingleSignOnAuthenticationProvider extends ContainerBasedAuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOnAuthenticationProvider.class);

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof OAuth2AuthenticationToken token)
                || !(token.getPrincipal() instanceof OidcUser user)) {
            log.debug("No login through the provider in this request to {}", request.getRequestURI());
            return AuthenticationResult.unsuccessful();
        }
        TokenSettings settings = WebApplicationContextUtils.getRequiredWebApplicationContext(
                        request.getServletContext())
                .getBean(TokenSettings.class);
        String login = user.hasClaim(settings.loginClaim()) ? user.getClaimAsString(settings.loginClaim()) : null;
        if (login == null || login.isBlank()) {
            log.warn("The provider's ID token has no claim {}: no login for the web apps", settings.loginClaim());
            return AuthenticationResult.unsuccessful();
        }
        log.debug("Web apps' login {} through the provider", login);
        return AuthenticationResult.successful(login);
    }
}
