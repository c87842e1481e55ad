package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.FORBIDDEN;
import static com.saascrm.api.ApiProblem.NOT_FOUND;

import java.util.Base64;
import java.util.HexFormat;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.erasure.ErasureCertificate.Issued;
import com.saascrm.erasure.ErasureCertificates;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The erasure certificate of an account, for support to send again to a customer who asks: the body is exactly the
 * text the certificate mail's SHA-256 was taken of, and the {@code Repr-Digest} header (RFC 9530) carries that hash.
 */
@RestController
@Tag(name = "Cancellation")
@SecurityRequirement(name = "basic")
class ErasureCertificateController {

    private final ErasureCertificates certificates;

    ErasureCertificateController(ErasureCertificates certificates) {
        this.certificates = certificates;
    }

    @Operation(
            operationId = "getErasureCertificate",
            summary = "The erasure certificate of an erased account (support)")
    @ApiResponse(
            responseCode = "200",
            description = "The certificate, exactly as it was mailed",
            headers =
                    @Header(
                            name = "Repr-Digest",
                            description = "The SHA-256 of the certificate's bytes: sha-256=:<base64>:",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object", description = "The erasure certificate")))
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND})
    @GetMapping(path = "/api/accounts/{accountId}/erasure-certificate", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> certificate(@PathVariable @AccountId String accountId, Authentication authentication) {
        if (!ApiCaller.of(authentication).isIn(AccountGroups.SUPPORT)) {
            throw new ApiForbiddenException("Only support may fetch an erasure certificate");
        }
        Issued issued = certificates.find(accountId).orElseThrow(() -> new NoErasureCertificateException(accountId));
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(issued.sha256()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .body(issued.text());
    }
}
