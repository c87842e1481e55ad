package com.saascrm.security.throttle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic, as the API (Spring Security) and engine-rest (Camunda) read it. The throttle reads at least every
 * header either of them would: any scheme spelled "Basic" in any case, the token with its white space dropped, as
 * Camunda's lenient decoder does. What it cannot decode strictly it refuses, so that no route checks a password
 * the throttle did not see.
 */
record BasicLoginRoute(String name, RefusalFormat refusalFormat) implements LoginRoute {

    private static final String SCHEME = "basic";
    private static final Pattern BASE64_AND_SPACE = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    @Override
    public LoginRequest read(HttpServletRequest request) throws UnreadableLogin {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.trim().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return LoginRequest.without(request);
        }
        String afterScheme = header.trim().substring(SCHEME.length());
        if (afterScheme.isEmpty()
                || !Character.isWhitespace(afterScheme.charAt(0))
                || !BASE64_AND_SPACE.matcher(afterScheme).matches()) {
            throw unreadable();
        }
        String token;
        try {
            token = new String(Base64.getDecoder().decode(afterScheme.replaceAll("\\s", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw unreadable();
        }
        int colon = token.indexOf(':');
        if (colon < 0) {
            throw unreadable();
        }
        LoginAttempt attempt = LoginAttempt.of(token.substring(0, colon), token.substring(colon + 1));
        return new LoginRequest(request, Optional.of(attempt));
    }

    private static UnreadableLogin unreadable() {
        return new UnreadableLogin(401, "The Basic credentials cannot be read: send the Base64 of login:password");
    }
}
