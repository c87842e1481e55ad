package com.saascrm.api;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import com.saascrm.support.ProblemResponses;

/**
 * Spring Security's firewall refuses URLs with {@code ;}, {@code //}, {@code ..} segments, encoded {@code %} or
 * {@code .}, and unknown methods before any API code runs. Its default answer is an error page; an API caller gets
 * a problem body instead. Web app requests keep the default. Headers with control characters are refused only when
 * read, which may be inside Spring MVC: {@link ApiExceptionHandler} answers those the same way.
 */
@Component
class RejectedApiRequests implements RequestRejectedHandler {

    static final String URL_REFUSED = "The URL is not allowed: it has a sequence or character the API refuses, such as"
            + " ';', '//', a '.' or '..' segment, an encoded '/', '\\', '.' or '%', '%00' or a byte that is not UTF-8";

    static final String METHOD_REFUSED = "The HTTP method is not allowed: the API takes GET, POST and DELETE";

    private final RequestRejectedHandler webApps = new HttpStatusRequestRejectedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
            throws IOException, ServletException {
        if (!ApiRequests.isApi(request)) {
            webApps.handle(request, response, rejection);
            return;
        }
        ProblemResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, detail(rejection));
    }

    /**
     * The firewall's own message may quote header values, so it is only used to pick one of these sentences; the
     * caller gets no echo of what they sent.
     */
    static String detail(RequestRejectedException rejection) {
        String message =
                rejection.getMessage() == null ? "" : rejection.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("http method")) {
            return METHOD_REFUSED;
        }
        if (message.contains("header")) {
            return "A request header has a name or value with characters that are not allowed";
        }
        if (message.contains("parameter")) {
            return "A request parameter has a name or value with characters that are not allowed";
        }
        if (message.contains("url") || message.contains("uri")) {
            return URL_REFUSED;
        }
        return "The request is not allowed";
    }
}
