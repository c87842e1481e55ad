package com.saascrm.security;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * engine-rest's authentication: a bearer token where one is sent and tokens are configured ({@link BearerTokens}),
 * HTTP Basic otherwise, with the groups {@link BearerTokens} gives the caller. Camunda's filter creates this class by
 * name, so it finds the tokens in the application context of the request.
 */
public class BearerOrBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {

    private static final String BEARER = "Bearer ";

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return super.extractAuthenticatedUser(request, engine);
        }
        BearerTokens tokens = WebApplicationContextUtils.getRequiredWebApplicationContext(request.getServletContext())
                .getBeanProvider(BearerTokens.class)
                .getIfAvailable();
        if (tokens == null) {
            return AuthenticationResult.unsuccessful();
        }
        BearerTokens.TokenCaller caller;
        try {
            caller = tokens.caller(authorization.substring(BEARER.length()).trim());
        } catch (JwtException e) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(caller.login());
        result.setGroups(caller.groups());
        return result;
    }
}
