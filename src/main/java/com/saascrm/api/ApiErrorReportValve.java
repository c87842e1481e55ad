package com.saascrm.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

import com.saascrm.support.ProblemResponses;

/**
 * Tomcat's error report, with a problem body for the API. Tomcat itself refuses a request whose URL has
 * {@code %00}, an encoded {@code /} or {@code \}, bytes that are not UTF-8 or characters outside RFC 3986, and one
 * whose headers are too large: such a request reaches no filter, no Spring and no {@code /error} page, only this
 * valve. Tomcat's 501 (for {@code CONNECT} or an unknown Transfer-Encoding) and 505 (for an HTTP version it does
 * not speak) become 400 here: the request is at fault, not the server. Everything outside the API keeps Tomcat's
 * report.
 */
class ApiErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (!ApiRequests.isApi(request) && !requestLineUnreadable(request)) {
            super.report(request, response, throwable);
            return;
        }
        // The same guards as Tomcat's report: an error with nothing written yet, reported once, to a live connection.
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String detail = detail(request, response);
        try {
            // Tomcat's 501 (CONNECT, a Transfer-Encoding it does not know) and 505 (HTTP/2.0 in the request line) are
            // faults of the request.
            if (response.getStatus() == 501 || response.getStatus() == 505) {
                response.setStatus(400);
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemResponses.json(response.getStatus(), detail));
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already closed: there is nobody left to tell.
        }
    }

    /**
     * A request line with characters outside RFC 3986 ({@code |}, {@code "}, raw non-ASCII) leaves no URI to tell
     * where it was going. Only programs send such a line, never the web apps' browsers, so it gets a problem body too.
     */
    private static boolean requestLineUnreadable(Request request) {
        return request.getRequestURI() == null;
    }

    /**
     * Tomcat's own messages quote the refused request line or header, so the sentence is chosen from the status and
     * the URI: a 400 is about the URL when Tomcat says so or the URL's escapes are not UTF-8, otherwise about a header
     * (too large, a bad Content-Length, a control character, ...).
     */
    private static String detail(Request request, Response response) {
        int status = response.getStatus();
        if (status == 501) {
            return "CONNECT".equals(request.getMethod())
                    ? RejectedApiRequests.METHOD_REFUSED
                    : "The request uses an HTTP feature the server does not support, such as a Transfer-Encoding other than chunked";
        }
        if (status == 505) {
            return "The HTTP version is not supported: use HTTP/1.1";
        }
        if (status >= 500) {
            return "Something went wrong on our side";
        }
        if (status != 400) {
            return "The request could not be processed";
        }
        if (requestLineUnreadable(request)) {
            return "The request line cannot be read: the method must be a token, and the URL may only have the"
                    + " characters of RFC 3986 (percent-encode the others)";
        }
        if (String.valueOf(response.getMessage()).startsWith("Invalid URI")
                || !decodesToUtf8(request.getRequestURI())) {
            return RejectedApiRequests.URL_REFUSED;
        }
        return "A request header is malformed, or the headers are too large";
    }

    /** Tomcat refuses a URL whose escapes are not UTF-8 without a message that says so. */
    private static boolean decodesToUtf8(String rawUri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < rawUri.length(); i++) {
                if (rawUri.charAt(i) == '%' && i + 2 < rawUri.length()) {
                    bytes.write(HexFormat.fromHexDigits(rawUri, i + 1, i + 3));
                    i += 2;
                } else {
                    bytes.write(rawUri.charAt(i));
                }
            }
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return false;
        }
    }
}
