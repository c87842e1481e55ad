package com.saascrm.security;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * CVE-2026-77226: in Camunda 7.24 CE the Admin app's first-run setup endpoint lets anyone create an administrator
 * while the camunda-admin group is empty, and the fix exists only in paid releases. Administrators come from
 * configuration here ({@code camunda.bpm.admin-user}), so the endpoint is closed in every profile, before
 * any of Camunda's own filters sees the request.
 */
@Configuration
class SetupEndpointBlock {

    @Bean
    FilterRegistrationBean<Filter> adminSetupEndpointBlock(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(SetupEndpointBlock::refuse);
        registration.setName("admin-setup-endpoint-block");
        registration.addUrlPatterns(webappPath + "/api/admin/setup/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static void refuse(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
        ((HttpServletResponse) response)
                .sendError(
                        HttpServletResponse.SC_FORBIDDEN,
                        "The first-run setup is disabled: administrators are configured with camunda.bpm.admin-user");
    }
}
