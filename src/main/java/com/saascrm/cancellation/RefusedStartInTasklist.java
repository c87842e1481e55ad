package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Elements.EVENT_REFUSED;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ELIGIBILITY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.account.Accounts;
import com.saascrm.mail.PublicAddress;
import com.saascrm.security.WebappLogin;
import com.saascrm.texts.CustomerTexts;

/**
 * Tasklist says "The process has been started" for every start that the engine took, also for a cancellation that was
 * refused at once (the request is recorded, and ends at {@code Event_Refused}). For Tasklist's starts only, such an
 * answer becomes an error that Tasklist shows: why, in the requester's language. A start form that its process
 * refuses (the erasure of a cancelled account asked for by someone who may not) shows its reason alone. Engine-rest keeps its answer, the
 * ended instance with its {@code eligibility}, which its clients read.
 */
@Configuration
class RefusedStartInTasklist {

    private static final Pattern TASKLIST_START =
            Pattern.compile("/camunda/api/engine/engine/[^/]+/process-definition/(key/)?[^/]+/(submit-form|start)");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> refusedStartInTasklistFilter(
            HistoryService history, CustomerTexts texts, Accounts accounts, WebappLogin login, PublicAddress address) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Answer(history, texts, accounts, login, address));
        registration.addUrlPatterns("/camunda/api/engine/*");
        // Around Camunda's own filters, so that it reads the answer they let through.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class Answer extends OncePerRequestFilter {

        private static final ObjectMapper JSON = new ObjectMapper();
        /** Engine-rest's answer to a form refused at the start: the definition's id has two colons. */
        private static final Pattern REFUSED_FORM = Pattern.compile(
                "Cannot instantiate process definition [^:\\s]+:[^:\\s]+:[^:\\s]+: (.+)", Pattern.DOTALL);

        private final HistoryService history;
        private final CustomerTexts texts;
        private final Accounts accounts;
        private final WebappLogin login;
        private final PublicAddress address;

        Answer(
                HistoryService history,
                CustomerTexts texts,
                Accounts accounts,
                WebappLogin login,
                PublicAddress address) {
            this.history = history;
            this.texts = texts;
            this.accounts = accounts;
            this.login = login;
            this.address = address;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod())
                    || !TASKLIST_START.matcher(request.getRequestURI()).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, answer);
            Optional<String> refusal =
                    answer.getStatus() == 200 ? refusalOf(answer.getContentAsByteArray(), request) : Optional.empty();
            if (answer.getStatus() == HttpServletResponse.SC_BAD_REQUEST) {
                refusal = refusedFormOf(answer.getContentAsByteArray());
            }
            if (refusal.isPresent()) {
                answer.resetBuffer();
                answer.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
                answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
                answer.getOutputStream()
                        .write(JSON.writeValueAsBytes(Map.of("type", "CancellationRefused", "message", refusal.get())));
            }
            answer.copyBodyToResponse();
        }

        /** A start form refused by its process: the reason alone, without the engine's preamble. */
        private static Optional<String> refusedFormOf(byte[] body) throws IOException {
            JsonNode error = body.length == 0 ? null : JSON.readTree(body);
            Matcher refused = REFUSED_FORM.matcher(
                    error == null ? "" : error.path("message").asText(""));
            return refused.matches() ? Optional.of(refused.group(1)) : Optional.empty();
        }

        private Optional<String> refusalOf(byte[] body, HttpServletRequest request) throws IOException {
            JsonNode started = JSON.readTree(body);
            String instanceId = started == null ? null : started.path("id").asText(null);
            if (instanceId == null) {
                return Optional.empty();
            }
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId)
                    .singleResult();
            if (instance == null || !EVENT_REFUSED.equals(instance.getEndActivityId())) {
                return Optional.empty();
            }
            HistoricVariableInstance reason = history.createHistoricVariableInstanceQuery()
                    .processInstanceId(instanceId)
                    .variableName(ELIGIBILITY.name())
                    .singleResult();
            String language = login.of(request).flatMap(accounts::languageOf).orElse("en");
            return Optional.of(texts.get(
                    "refused." + (reason == null ? "UNKNOWN_ACCOUNT" : reason.getValue()),
                    language,
                    instance.getBusinessKey(),
                    address.url()));
        }
    }
}
