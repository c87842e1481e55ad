package com.saascrm.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

import com.saascrm.support.ProblemResponses;

/**
 * Spring MVC cannot write any answer, not even an error, to a request whose Accept header it cannot parse (a
 * malformed media type, more than 50 of them): it sends the status with an empty body. So the API refuses such a
 * header itself, with a problem body, after authentication and before any controller.
 */
@Configuration
class UnreadableAcceptHeader {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> unreadableAcceptHeaderFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new AcceptHeaderFilter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    private static final class AcceptHeaderFilter extends OncePerRequestFilter {

        /** The strategy Spring MVC uses, so that what passes here, Spring can read. */
        private final ContentNegotiationStrategy accept = new HeaderContentNegotiationStrategy();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                accept.resolveMediaTypes(new ServletWebRequest(request));
            } catch (HttpMediaTypeNotAcceptableException e) {
                ProblemResponses.write(
                        response,
                        HttpServletResponse.SC_NOT_ACCEPTABLE,
                        "The Accept header cannot be read: ask for application/json, or leave the header out");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
