package com.saascrm.portability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.api.client.DataPortabilityApi;
import com.saascrm.crm.CrmData;
import com.saascrm.testsupport.GeneratedApi;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** The export and import endpoints as an account's admin calls them, and what a refused import must look like. */
final class PortabilityApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate rest;
    private final CrmData crmData;

    PortabilityApi(TestRestTemplate rest, CrmData crmData) {
        this.rest = rest;
        this.crmData = crmData;
    }

    /** Through the client generated from the API's document, as another team's code would download it. */
    byte[] export(TestAccount exported) {
        ResponseEntity<Resource> answer = client(exported).exportAccountDataWithHttpInfo(exported.id());
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/zip");
        assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo(exported.id() + "-export.zip");
        try {
            return answer.getBody().getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An archive imported through the generated client: what it imported of each kind. */
    Map<String, Long> importThroughTheClient(TestAccount target, byte[] archive) {
        return client(target).importAccountData(target.id(), new ByteArrayResource(archive));
    }

    private DataPortabilityApi client(TestAccount admin) {
        return new GeneratedApi(rest, admin.admin(), TestAccounts.PASSWORD).portability();
    }

    ResponseEntity<String> importInto(TestAccount target, byte[] archive) {
        return importInto(target, archive, "application/zip");
    }

    ResponseEntity<String> importInto(TestAccount target, byte[] archive, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return rest.withBasicAuth(target.admin(), TestAccounts.PASSWORD)
                .exchange(importPath(target), HttpMethod.POST, new HttpEntity<>(archive, headers), String.class);
    }

    /**
     * Imports {@code archive} into {@code target}, which has no CRM data, and asserts that it is refused as a bad
     * archive and that nothing was written.
     *
     * @return the problem's detail
     */
    String refusal(TestAccount target, byte[] archive) {
        ResponseEntity<String> answer = importInto(target, archive);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(crmData.countsOf(target.id()).total()).as("nothing written").isZero();
        return problem.path("detail").asText();
    }

    static String exportPath(TestAccount account) {
        return "/api/accounts/" + account.id() + "/export";
    }

    static String importPath(TestAccount account) {
        return "/api/accounts/" + account.id() + "/import";
    }
}
