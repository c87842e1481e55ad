package com.saascrm.selfservice;

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
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.saascrm.account.Accounts;
import com.saascrm.security.WebappLogin;
import com.saascrm.texts.CustomerTexts;

/**
 * What Tasklist reads from the engine, in the language of the logged-in user's account (English for staff): the
 * wizard's forms with their texts ({@link FormTexts}), the names the engine keeps in English ({@link EngineNames}),
 * and why a step's answer was not taken, as what to do instead ({@code invalid.<field>} in the customer texts). Only
 * the web apps' own API is touched: engine-rest answers its clients as the engine does, and variables pass as they
 * are.
 */
@Configuration
class TasklistInAccountLanguage {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> tasklistInAccountLanguageFilter(
            WebappLogin login, Accounts accounts, FormTexts forms, EngineNames names, CustomerTexts texts) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Translation(login, accounts, forms, names, texts));
        registration.addUrlPatterns("/camunda/api/engine/*");
        // Inside the filter that turns a refused start into an error, around Camunda's own filters.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    private static final class Translation extends OncePerRequestFilter {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final Pattern FORM = Pattern.compile(".*/(deployed-form|deployed-start-form)");
        private static final Pattern SUBMIT = Pattern.compile(".*/task/[^/]+/submit-form");
        private static final Pattern VARIABLES = Pattern.compile(".*/(variables|form-variables)(/.*)?");
        private static final Pattern INVALID_FIELD = Pattern.compile("Cannot submit task form [^:]+: ([A-Za-z]+) .*");

        private final WebappLogin login;
        private final Accounts accounts;
        private final FormTexts forms;
        private final EngineNames names;
        private final CustomerTexts texts;

        Translation(WebappLogin login, Accounts accounts, FormTexts forms, EngineNames names, CustomerTexts texts) {
            this.login = login;
            this.accounts = accounts;
            this.forms = forms;
            this.names = names;
            this.texts = texts;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return VARIABLES.matcher(request.getRequestURI()).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            boolean form = FORM.matcher(path).matches();
            boolean submit = SUBMIT.matcher(path).matches() && "POST".equals(request.getMethod());
            String language = login.of(request).flatMap(accounts::languageOf).orElse("en");
            boolean customerOutsideEnglish = !"en".equals(language);
            if (!form && !submit && !customerOutsideEnglish) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, answer);
            byte[] body = answer.getContentAsByteArray();
            if (isJson(answer) && body.length > 0) {
                JsonNode read = JSON.readTree(body);
                JsonNode translated;
                if (form) {
                    translated = answer.getStatus() == 200 ? forms.inLanguage(read, language) : read;
                } else if (submit && answer.getStatus() == 400) {
                    translated = whatToDo(read, language);
                } else {
                    translated = names.inLanguage(read, language);
                }
                answer.resetBuffer();
                answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
                answer.getOutputStream().write(JSON.writeValueAsBytes(translated));
            }
            answer.copyBodyToResponse();
        }

        private static boolean isJson(HttpServletResponse answer) {
            String type = answer.getContentType();
            return type != null && MediaType.parseMediaType(type).getSubtype().endsWith("json");
        }

        /** The engine says which field is wrong; the customer reads what to do about it, where there is a text. */
        private JsonNode whatToDo(JsonNode error, String languageTag) {
            Matcher field = INVALID_FIELD.matcher(error.path("message").asText(""));
            if (field.matches() && error instanceof ObjectNode object) {
                String key = "invalid." + field.group(1);
                String advice = texts.getOrDefault(key, languageTag, null);
                if (advice != null) {
                    object.put("message", advice);
                }
            }
            return error;
        }
    }
}
