package com.saascrm.security;

import java.util.Collection;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Who is logged in to Camunda's web apps in this browser, for the pages beside them: the login that Tasklist's
 * session holds for this application's engine (by password or single sign-on alike).
 */
@Component
public class WebappLogin {

    private final String engineName;

    WebappLogin(ProcessEngine engine) {
        this.engineName = engine.getName();
    }

    public Optional<String> of(HttpServletRequest request) {
        return authenticationOf(request).map(Authentication::getIdentityId);
    }

    /** Whether the login of this browser is in one of {@code groups}, as the web apps' session knows its groups. */
    public boolean isInAnyOf(HttpServletRequest request, Collection<String> groups) {
        return authenticationOf(request)
                .filter(UserAuthentication.class::isInstance)
                .map(authentication -> ((UserAuthentication) authentication).getGroupIds())
                .map(own -> own != null && own.stream().anyMatch(groups::contains))
                .orElse(false);
    }

    private Optional<Authentication> authenticationOf(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName));
    }
}
