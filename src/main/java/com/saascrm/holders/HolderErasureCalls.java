package com.saascrm.holders;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.erasure.ErasureHolder;
import com.saascrm.erasure.ErasureSignature;
import com.saascrm.erasure.HolderErasureException;

/**
 * The HTTP side of the external data holders (README, GDPR erasure): asks a holder to delete an account's data. The holder is expected to answer at once with a 2xx status and to
 * confirm later, signed, at {@code callbackUrl}. Every try of one erasure carries the same {@code Idempotency-Key},
 * so a holder that did the work but whose answer got lost does not do it twice.
 */
@Component
public class HolderErasureCalls {

    private static final Logger log = LoggerFactory.getLogger(HolderErasureCalls.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final RestClient http;
    private final ObjectMapper json;
    private final Clock clock;

    HolderErasureCalls(RestClient.Builder builder, ObjectMapper json, Clock clock) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.http = builder.requestFactory(requests).build();
        this.json = json;
        this.clock = clock;
    }

    /** @throws HolderErasureException when the holder cannot be reached or does not answer with a 2xx status */
    public void requestErasure(ErasureHolder holder, String accountId, String erasureId, String callbackUrl) {
        String body = body(Map.of("accountId", accountId, "erasureId", erasureId, "callbackUrl", callbackUrl));
        HttpStatusCode status;
        try {
            status = http.post()
                    .uri(holder.url())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", erasureId)
                    .header(ErasureSignature.HEADER, ErasureSignature.sign(holder.secret(), clock.instant(), body))
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode());
        } catch (RestClientException e) {
            throw new HolderErasureException(
                    "The erasure holder '" + holder.name() + "' could not be reached to erase account '" + accountId
                            + "': " + e.getMessage(),
                    e);
        }
        if (!status.is2xxSuccessful()) {
            throw new HolderErasureException(
                    "The erasure holder '" + holder.name() + "' answered " + status.value()
                            + " to the request to erase account '" + accountId + "'",
                    null);
        }
        log.info("Erasure holder {} took the request to erase account {}", holder.name(), accountId);
    }

    private String body(Map<String, String> fields) {
        try {
            return json.writeValueAsString(new TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Strings always serialize", e);
        }
    }
}
