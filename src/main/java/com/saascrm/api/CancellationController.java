package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.CONFLICT;
import static com.saascrm.api.ApiProblem.FORBIDDEN;
import static com.saascrm.api.ApiProblem.NOT_FOUND;
import static com.saascrm.api.ApiProblem.PAYLOAD_TOO_LARGE;
import static com.saascrm.api.ApiProblem.START_REFUSED;
import static com.saascrm.api.ApiProblem.UNSUPPORTED_MEDIA_TYPE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.cancellation.AccountCancellationProcess.RequestChannel;
import com.saascrm.cancellation.CancellationCommands;
import com.saascrm.cancellation.CancellationStatus;
import com.saascrm.cancellation.CancellationStatusQuery;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The cancellation of one account (README, The API), for the billing page, support tools and other systems.
 * Answers with a body declare what they produce, so that an Accept header asking for something else is refused
 * with 406 before the command runs, not after it has changed the account.
 */
@RestController
@RequestMapping("/api/accounts/{accountId}")
@Tag(name = "Cancellation")
@SecurityRequirement(name = "basic")
class CancellationController {

    private final AccountAccess access;
    private final CancellationCommands commands;
    private final CancellationStatusQuery statusQuery;

    CancellationController(AccountAccess access, CancellationCommands commands, CancellationStatusQuery statusQuery) {
        this.access = access;
        this.commands = commands;
        this.statusQuery = statusQuery;
    }

    /** An optional body; without one the channel is OTHER. */
    record StartCancellationRequest(RequestChannel channel) {}

    record StartedCancellation(String processInstanceId, CancellationStatus.State status, String step) {}

    @Operation(operationId = "startCancellation", summary = "Start the cancellation wizard (admins of the account)")
    @ApiResponse(
            responseCode = "201",
            description = "Started: the wizard waits at its first step; Location is the cancellation")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, START_REFUSED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE})
    @PostMapping(path = "/cancellation", consumes = APPLICATION_JSON_VALUE, produces = APPLICATION_JSON_VALUE)
    ResponseEntity<StartedCancellation> start(
            @PathVariable @AccountId String accountId,
            @RequestBody(required = false) @Valid StartCancellationRequest request,
            Authentication authentication) {
        ApiCaller caller = ApiCaller.of(authentication);
        access.require(accountId, caller);
        RequestChannel channel =
                request == null || request.channel() == null ? RequestChannel.OTHER : request.channel();
        String instanceId = commands.start(accountId, caller.login(), caller.groups(), channel);
        CancellationStatus status = statusQuery.of(accountId).orElseThrow();
        return ResponseEntity.created(URI.create("/api/accounts/" + accountId + "/cancellation"))
                .body(new StartedCancellation(instanceId, status.status(), status.step()));
    }

    @Operation(
            operationId = "getCancellation",
            summary = "Where the account's cancellation stands (admins, support, operations)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND})
    @GetMapping(path = "/cancellation", produces = APPLICATION_JSON_VALUE)
    CancellationStatus status(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.requireIncludingDeleted(
                accountId, ApiCaller.of(authentication), AccountGroups.SUPPORT, AccountGroups.OPERATIONS);
        return statusQuery.of(accountId).orElseThrow(() -> new NoCancellationException(accountId));
    }

    @Operation(operationId = "abandonCancellation", summary = "Abandon a request that is still in the wizard (admins)")
    @ApiResponse(responseCode = "204", description = "Abandoned: nothing changes for the account")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @DeleteMapping("/cancellation")
    ResponseEntity<Void> abandon(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication));
        commands.abandon(accountId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "withdrawCancellation", summary = "Withdraw the cancellation before access ends (admins)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @PostMapping(path = "/cancellation/withdrawal", produces = APPLICATION_JSON_VALUE)
    CancellationStatus withdraw(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication));
        commands.withdraw(accountId);
        return statusQuery.of(accountId).orElseThrow();
    }

    @Operation(
            operationId = "reopenAccount",
            summary = "Reopen a locked account before it is deleted (admins, support)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @PostMapping(path = "/reopening", produces = APPLICATION_JSON_VALUE)
    CancellationStatus reopen(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication), AccountGroups.SUPPORT);
        commands.reopen(accountId);
        return statusQuery.of(accountId).orElseThrow();
    }

    @Operation(
            operationId = "resumeBilling",
            summary = "End a pause of billing before its date: billing resumes now (admins, support)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @PostMapping(path = "/resumption", produces = APPLICATION_JSON_VALUE)
    CancellationStatus resume(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication), AccountGroups.SUPPORT);
        commands.resume(accountId);
        return statusQuery.of(accountId).orElseThrow();
    }

    /**
     * @param confirmation       the account id, typed by the person who asks: the erasure cannot be undone
     * @param certificateAddress optional: where to mail the erasure certificate instead of to the admins (whose own
     *                           addresses are erased with the account); kept only until that mail is sent
     */
    record ErasureRequestBody(String confirmation, String certificateAddress) {}

    @Operation(
            operationId = "requestErasure",
            summary = "Erase the account now instead of six months on, after its cancellation (admins, support): "
                    + "when the cooling-off ends (48 hours by default), unless withdrawn before")
    @ApiResponse(responseCode = "202", description = "Asked for: the account is erased when the cooling-off ends")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE})
    @PostMapping(path = "/erasure-request", consumes = APPLICATION_JSON_VALUE, produces = APPLICATION_JSON_VALUE)
    ResponseEntity<CancellationStatus> requestErasure(
            @PathVariable @AccountId String accountId,
            @RequestBody ErasureRequestBody body,
            Authentication authentication) {
        ApiCaller caller = ApiCaller.of(authentication);
        access.require(accountId, caller, AccountGroups.SUPPORT);
        commands.requestErasure(
                accountId,
                body.confirmation(),
                caller.isIn(AccountGroups.SUPPORT) ? caller.login() : null,
                body.certificateAddress());
        return ResponseEntity.accepted().body(statusQuery.of(accountId).orElseThrow());
    }

    @Operation(
            operationId = "withdrawErasureRequest",
            summary = "Withdraw a request to erase the account now, during its cooling-off (admins, support)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @DeleteMapping(path = "/erasure-request", produces = APPLICATION_JSON_VALUE)
    CancellationStatus withdrawErasureRequest(
            @PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication), AccountGroups.SUPPORT);
        commands.withdrawErasureRequest(accountId);
        return statusQuery.of(accountId).orElseThrow();
    }

    @Operation(
            operationId = "resendConfirmation",
            summary = "Send the cancellation confirmation again (admins, support)")
    @ApiResponse(responseCode = "202", description = "The confirmation goes out again")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT})
    @PostMapping("/cancellation/confirmation-email")
    ResponseEntity<Void> resendConfirmation(@PathVariable @AccountId String accountId, Authentication authentication) {
        access.require(accountId, ApiCaller.of(authentication), AccountGroups.SUPPORT);
        commands.resendConfirmation(accountId);
        return ResponseEntity.accepted().build();
    }
}
