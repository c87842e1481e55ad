package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.CONFLICT;
import static com.saascrm.api.ApiProblem.PAYLOAD_TOO_LARGE;

import java.time.Clock;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saascrm.cancellation.HolderErasureConfirmation;
import com.saascrm.erasure.ErasureHolder;
import com.saascrm.erasure.ErasureSettings;
import com.saascrm.erasure.ErasureSignature;
import com.saascrm.erasure.InvalidErasureCallbackException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Where an external data holder confirms that it deleted an account's data. No login: the signature of the body with
 * the holder's secret is its proof, checked before the body is read. Refused calls answer 400 and change nothing.
 */
@RestController
@Tag(name = "Erasure holders")
class ErasureHolderCallbackController {

    static final String PATH = "/api/erasure-holders/{holder}/confirmations";

    /** @param deleted how many of each kind of data it deleted: {@code {"documents": 12}} */
    record HolderConfirmationBody(String accountId, String erasureId, Map<String, Long> deleted) {}

    record ConfirmationReceived(String accountId, String holder, boolean confirmedNow) {}

    private final ErasureSettings settings;
    private final HolderErasureConfirmation confirmation;
    private final ObjectMapper json;
    private final Clock clock;

    ErasureHolderCallbackController(
            ErasureSettings settings, HolderErasureConfirmation confirmation, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.confirmation = confirmation;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    @Operation(
            operationId = "confirmHolderErasure",
            summary = "A data holder confirms an erasure (signed with the holder's secret, no login)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "The confirmation; the signature header signs its bytes",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = HolderConfirmationBody.class))))
    @ProblemAnswers({BAD_REQUEST, CONFLICT, PAYLOAD_TOO_LARGE})
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ConfirmationReceived confirm(
            @PathVariable String holder,
            @RequestBody String payload,
            @RequestHeader(name = ErasureSignature.HEADER, required = false) String signature) {
        // An unknown holder is refused like a wrong signature, so that a caller learns no holder's name.
        ErasureHolder known = settings.holder(holder)
                .orElseThrow(() -> new InvalidErasureCallbackException("The signature does not match the body"));
        ErasureSignature.verify(known.secret(), signature, payload, clock.instant());
        HolderConfirmationBody body = read(payload);
        if (body.accountId() == null || body.erasureId() == null) {
            throw new InvalidErasureCallbackException(
                    "A confirmation names the accountId and the erasureId it was sent");
        }
        boolean now = confirmation.confirm(known.name(), body.accountId(), body.erasureId(), body.deleted());
        return new ConfirmationReceived(body.accountId(), known.name(), now);
    }

    private HolderConfirmationBody read(String payload) {
        try {
            return json.readValue(payload, HolderConfirmationBody.class);
        } catch (JsonProcessingException e) {
            throw new InvalidErasureCallbackException(
                    "The body is not {\"accountId\", \"erasureId\", \"deleted\": {kind: count}}");
        }
    }
}
