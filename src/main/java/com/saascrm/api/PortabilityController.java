package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.CONFLICT;
import static com.saascrm.api.ApiProblem.FORBIDDEN;
import static com.saascrm.api.ApiProblem.NOT_FOUND;
import static com.saascrm.api.ApiProblem.UNSUPPORTED_MEDIA_TYPE;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.saascrm.portability.CrmExporter;
import com.saascrm.portability.CrmImporter;
import com.saascrm.security.ApiCaller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Data portability: export before leaving (also while locked, until deletion), import when coming back. */
@RestController
@Tag(name = "Data portability")
@SecurityRequirement(name = "basic")
class PortabilityController {

    static final String ZIP = "application/zip";

    private final AccountAccess access;
    private final CrmExporter exporter;
    private final CrmImporter importer;

    PortabilityController(AccountAccess access, CrmExporter exporter, CrmImporter importer) {
        this.access = access;
        this.exporter = exporter;
        this.importer = importer;
    }

    @Operation(
            operationId = "exportAccountData",
            summary = "Download all CRM data of the account as a ZIP of CSV files (admins)")
    @ApiResponse(
            responseCode = "200",
            description = "The archive, streamed: one CSV file per kind of data",
            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")))
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND})
    @GetMapping(path = "/api/accounts/{accountId}/export", produces = ZIP)
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ZIP))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(accountId + "-export.zip")
                                .build()
                                .toString())
                .body(out -> exporter.export(accountId, out));
    }

    @Operation(
            operationId = "importAccountData",
            summary = "Import an exported archive into an account without CRM data (admins)",
            // The archive is read as a stream, so the document is told what the body is.
            requestBody =
                    @RequestBody(
                            required = true,
                            description = "An archive as the export makes it",
                            content = {
                                @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                                        schema = @Schema(type = "string", format = "binary"))
                            }))
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, UNSUPPORTED_MEDIA_TYPE})
    @PostMapping(
            path = "/api/accounts/{accountId}/import",
            consumes = {ZIP, MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Long> importArchive(
            @PathVariable @AccountId String accountId, Authentication authentication, HttpServletRequest request)
            throws IOException {
        access.require(accountId, ApiCaller.of(authentication));
        return importer.importArchive(accountId, request.getInputStream());
    }
}
