package com.saascrm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import com.saascrm.testsupport.ProcessTestBase;

/**
 * Tasklist's page, loaded while other requests come in, names in its security policy the nonce its scripts carry:
 * otherwise the browser runs none of them.
 */
class WebappPageNonceTest extends ProcessTestBase {

    private static final Pattern PAGE_NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
    private static final Pattern POLICY_NONCE = Pattern.compile("'nonce-([^']+)'");
    private static final int PAGES = 40;

    @Autowired
    private TestRestTemplate rest;

    @Test
    void everyPageAndItsPolicyNameTheSameNonceWhileOtherRequestsComeIn() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<ResponseEntity<String>>> pages = new ArrayList<>();
            for (int i = 0; i < PAGES; i++) {
                pages.add(clients.submit(() -> rest.getForEntity("/camunda/app/tasklist/default/", String.class)));
                clients.submit(() -> rest.getForEntity("/camunda/api/admin/auth/user/default", String.class));
            }
            for (Future<ResponseEntity<String>> answer : pages) {
                ResponseEntity<String> page = answer.get();
                assertThat(page.getStatusCode().value()).isEqualTo(200);
                String policy = page.getHeaders().getFirst(WebappPageNonce.POLICY);
                assertThat(policy).isNotNull();
                assertThat(nonceIn(POLICY_NONCE, policy)).isEqualTo(nonceIn(PAGE_NONCE, page.getBody()));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static String nonceIn(Pattern pattern, String text) {
        Matcher nonce = pattern.matcher(text);
        assertThat(nonce.find())
                .as("a nonce in %s", text.length() > 200 ? "the page" : text)
                .isTrue();
        return nonce.group(1);
    }
}
