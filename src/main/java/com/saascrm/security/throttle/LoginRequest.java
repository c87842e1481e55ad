package com.saascrm.security.throttle;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** A request as the route reads it: the request to pass on (its body may have been read) and its login attempt. */
record LoginRequest(HttpServletRequest request, Optional<LoginAttempt> attempt) {

    static LoginRequest without(HttpServletRequest request) {
        return new LoginRequest(request, Optional.empty());
    }
}
