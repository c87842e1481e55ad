package com.saascrm.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A web app's page and its security policy name the same script nonce. Camunda 7.24 keeps the nonce of the latest
 * answer in one place for the whole application (a servlet context attribute) and writes it into the page after it
 * wrote the policy: a request that comes in between, such as one of the many Tasklist sends right after a login,
 * leaves the page with another nonce than its policy, and the browser runs none of its scripts (Tasklist hangs at its
 * spinner). The policy is set to the nonce the page carries; each nonce is still fresh and unguessable.
 */
@Configuration
class WebappPageNonce {

    static final String POLICY = "Content-Security-Policy";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappPageNonceFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new SameNonce());
        registration.addUrlPatterns("/camunda/app/*");
        // Around Camunda's header and page filters, so that it sees the policy and the page they wrote.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    private static final class SameNonce extends OncePerRequestFilter {

        private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([A-Za-z0-9_\\-+/=]+)\"");
        private static final Pattern POLICY_NONCE = Pattern.compile("'nonce-[^']*'");

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // The pages are the apps' addresses (/camunda/app/tasklist/default/); files have names.
            return !request.getRequestURI().endsWith("/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, page);
            String policy = page.getHeader(POLICY);
            if (policy != null) {
                Matcher nonce = PAGE_NONCE.matcher(new String(page.getContentAsByteArray(), StandardCharsets.UTF_8));
                if (nonce.find()) {
                    page.setHeader(
                            POLICY,
                            POLICY_NONCE
                                    .matcher(policy)
                                    .replaceAll(Matcher.quoteReplacement("'nonce-" + nonce.group(1) + "'")));
                }
            }
            page.copyBodyToResponse();
        }
    }
}
