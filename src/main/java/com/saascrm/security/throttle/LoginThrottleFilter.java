package com.saascrm.security.throttle;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of a route that checks passwords: asks the throttle before the password is checked, and counts the
 * outcome. It checks the password itself (Camunda's identity service, as every route does) because only that
 * tells a right password from a request that merely passed: {@code GET /engine-rest/engine} answers 200 whatever
 * credentials it carries, and counting that as a login would let a stranger pass a login's lock. The route then
 * checks the same credentials again and answers as it always does.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginRoute route;
    private final ClientAddresses clients;
    private final LoginThrottle throttle;
    private final LoginRefusals refusals;
    private final ObjectProvider<IdentityService> identityService;

    LoginThrottleFilter(
            LoginRoute route,
            ClientAddresses clients,
            LoginThrottle throttle,
            LoginRefusals refusals,
            ObjectProvider<IdentityService> identityService) {
        this.route = route;
        this.clients = clients;
        this.throttle = throttle;
        this.refusals = refusals;
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LoginRequest login;
        try {
            login = route.read(request);
        } catch (UnreadableLogin unreadable) {
            refusals.refuse(route, response, unreadable);
            return;
        }
        if (login.attempt().isPresent()) {
            LoginAttempt attempt = login.attempt().get();
            String client = clients.clientOf(request);
            Verdict verdict = throttle.verdict(client, attempt.login());
            if (!verdict.admitted()) {
                refusals.refuse(route, response, verdict, attempt.login());
                return;
            }
            if (identityService.getObject().checkPassword(attempt.login(), attempt.password())) {
                throttle.succeeded(client, attempt.login());
            } else {
                throttle.failed(client, attempt.login());
            }
        }
        chain.doFilter(login.request(), response);
    }
}
