package com.saascrm.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.saascrm.support.BoundedInputStream;
import com.saascrm.support.ProblemResponses;

/**
 * The API's bodies are small JSON objects: a larger one is refused with 413 before anything reads it, whether it
 * announces its length or comes in chunks. Runs before authentication, so nobody can make the server buffer
 * a large body.
 */
@Configuration
class ApiRequestSizeLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiRequestSizeLimitFilter(
            @Value("${cancellation.api.max-request-bytes}") long maxBytes,
            @Value("${cancellation.billing.max-webhook-bytes:262144}") long maxWebhookBytes) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new LimitFilter(maxBytes, maxWebhookBytes));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class LimitFilter extends OncePerRequestFilter {

        private final long maxBytes;
        private final long maxWebhookBytes;

        LimitFilter(long maxBytes, long maxWebhookBytes) {
            this.maxBytes = maxBytes;
            this.maxWebhookBytes = maxWebhookBytes;
        }

        /**
         * Archives for import and the directory's first load are bigger; the importer and the load set and enforce
         * their limits themselves.
         */
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String uri = request.getRequestURI();
            return uri.endsWith("/import")
                    || ("POST".equals(request.getMethod()) && uri.equals("/api/directory/accounts"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // The billing provider's events carry a whole subscription: more than the API's own small bodies.
            long limit = request.getRequestURI().equals(BillingWebhookController.PATH) ? maxWebhookBytes : maxBytes;
            if (request.getContentLengthLong() > limit) {
                ProblemResponses.write(
                        response,
                        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "The request body is larger than " + limit + " bytes");
                return;
            }
            chain.doFilter(new BoundedRequest(request, limit), response);
        }
    }

    /** Counts what is read of a body of unknown length and stops at the limit. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;

        BoundedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            BoundedInputStream bounded =
                    new BoundedInputStream(body, maxBytes, () -> new RequestTooLargeException(maxBytes));
            return new ServletInputStream() {

                @Override
                public int read() throws IOException {
                    return bounded.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return bounded.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }
}
