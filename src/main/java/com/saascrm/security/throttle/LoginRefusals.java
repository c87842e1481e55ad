package com.saascrm.security.throttle;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.support.ProblemResponses;

/** Writes the throttle's refusals in the route's own error format, with {@code Retry-After} where waiting helps. */
@Component
class LoginRefusals {

    private final ObjectMapper json;

    LoginRefusals(ObjectMapper json) {
        this.json = json;
    }

    void refuse(LoginRoute route, HttpServletResponse response, Verdict verdict, String login) throws IOException {
        long seconds = verdict.retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (verdict.outcome() == Verdict.Outcome.CLIENT_THROTTLED) {
            write(
                    route,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "TooManyFailedLogins",
                    "Too many failed logins from this client, retry after " + seconds + " s");
        } else {
            write(
                    route,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "LoginLocked",
                    "Login '" + login + "' is locked, retry after " + seconds
                            + " s: too many failed logins from clients it has not logged in from lately");
        }
    }

    void refuse(LoginRoute route, HttpServletResponse response, UnreadableLogin unreadable) throws IOException {
        write(route, response, HttpStatus.valueOf(unreadable.status()), "InvalidLogin", unreadable.getMessage());
    }

    private void write(LoginRoute route, HttpServletResponse response, HttpStatus status, String type, String message)
            throws IOException {
        if (status == HttpStatus.UNAUTHORIZED && route instanceof BasicLoginRoute) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"account-cancellation\"");
        }
        if (route.refusalFormat() == RefusalFormat.PROBLEM_DETAIL) {
            ProblemResponses.write(response, status.value(), message);
        } else {
            response.setStatus(status.value());
            Map<String, String> error = new LinkedHashMap<>();
            error.put("type", type);
            error.put("message", message);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), error);
        }
    }
}
