package com.saascrm.security.throttle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The login form of Tasklist, Cockpit and Admin: {@code POST .../auth/user/{engine}/login/{app}} with the form
 * fields {@code username} and {@code password}, which Camunda reads with JAX-RS. The throttle reads the body
 * itself and hands it on unchanged. Only URL-encoded forms are taken (what the web apps send), as JAX-RS might
 * find the same fields in other kinds of body that the throttle does not read.
 */
final class WebappLoginFormRoute implements LoginRoute {

    /** A login form is a few dozen bytes. */
    static final int MAX_FORM_BYTES = 8192;

    @Override
    public String name() {
        return "web apps";
    }

    @Override
    public RefusalFormat refusalFormat() {
        return RefusalFormat.CAMUNDA_ERROR;
    }

    @Override
    public LoginRequest read(HttpServletRequest request) throws UnreadableLogin {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || pathOf(request).indexOf("/login") < 0) {
            return LoginRequest.without(request);
        }
        Charset charset = formCharset(request);
        byte[] body = readBody(request);
        Map<String, String> fields = firstValues(new String(body, charset), charset);
        HttpServletRequest replayed = new ReplayedBodyRequest(request, body);
        if (!fields.containsKey("username")) {
            return LoginRequest.without(replayed);
        }
        return new LoginRequest(replayed, Optional.of(LoginAttempt.of(fields.get("username"), fields.get("password"))));
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private static Charset formCharset(HttpServletRequest request) throws UnreadableLogin {
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException unreadable) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            throw new UnreadableLogin(415, "The login form must be sent as application/x-www-form-urlencoded");
        }
        try {
            return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (RuntimeException unknownCharset) {
            throw new UnreadableLogin(415, "Unknown charset of the login form");
        }
    }

    private static byte[] readBody(HttpServletRequest request) throws UnreadableLogin {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new UnreadableLogin(413, "The login form is larger than " + MAX_FORM_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As JAX-RS reads a form: fields split at {@code &}, empty ones skipped, the first value of a name counts. */
    private static Map<String, String> firstValues(String form, Charset charset) throws UnreadableLogin {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String field : form.split("&")) {
                if (field.isEmpty()) {
                    continue;
                }
                int equals = field.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? field : field.substring(0, equals), charset);
                String value = equals < 0 ? null : URLDecoder.decode(field.substring(equals + 1), charset);
                fields.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException badEncoding) {
            throw new UnreadableLogin(400, "The login form is not properly URL-encoded");
        }
        return fields;
    }
}
