package com.saascrm.api;

import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Tells requests meant for the API from those for the web apps, even when the request is malformed. */
final class ApiRequests {

    /**
     * {@code /api} as the first path segment, judged on the raw URI: a refused request has no decoded path, and
     * extra leading slashes or path parameters ({@code //api}, {@code /api;x=1}) must not hide where it was going.
     */
    private static final Pattern API_PATH = Pattern.compile("^/+api(?![A-Za-z0-9._~-])");

    private ApiRequests() {}

    static boolean isApi(HttpServletRequest request) {
        // On the error dispatch the request URI is the error page's; the original one is an attribute.
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String originalUri ? originalUri : request.getRequestURI();
        return uri != null && API_PATH.matcher(uri).find();
    }
}
