package com.saascrm.api;

import java.net.URI;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.saascrm.account.AccountStateException;
import com.saascrm.account.DirectoryEntryRefusedException;
import com.saascrm.account.Eligibility;
import com.saascrm.account.UnknownAccountException;
import com.saascrm.billing.InvalidWebhookException;
import com.saascrm.cancellation.CancellationRefusedException;
import com.saascrm.cancellation.CancellationStateException;
import com.saascrm.cancellation.CertificateAddressException;
import com.saascrm.cancellation.ErasureConfirmationException;
import com.saascrm.erasure.InvalidErasureCallbackException;
import com.saascrm.portability.InvalidArchiveException;

/**
 * Every error of the API as {@code application/problem+json} (RFC 9457) with a {@code detail} a person can act on,
 * and nothing more: no stack trace, no SQL. Spring's own errors (415, malformed JSON, ...) come through the
 * base class in the same form.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final URI TRIAL_GUIDE = URI.create("/help/cancel-trial.html");
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({UnknownAccountException.class, NoCancellationException.class, NoErasureCertificateException.class
    })
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ApiForbiddenException.class)
    ProblemDetail forbidden(ApiForbiddenException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler({CancellationStateException.class, AccountStateException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ErasedAccountIds.ErasedAccountException.class)
    ProblemDetail erasedAccount(ErasedAccountIds.ErasedAccountException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({ErasureConfirmationException.class, CertificateAddressException.class})
    ProblemDetail erasureRequestRefused(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(DirectoryEntryRefusedException.class)
    ProblemDetail refusedDirectoryEntry(DirectoryEntryRefusedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidErasureCallbackException.class)
    ProblemDetail invalidErasureCallback(InvalidErasureCallbackException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidWebhookException.class)
    ProblemDetail invalidWebhook(InvalidWebhookException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidArchiveException.class)
    ProblemDetail invalidArchive(InvalidArchiveException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail tooLarge(RequestTooLargeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(CancellationRefusedException.class)
    ProblemDetail refused(CancellationRefusedException e) {
        ProblemDetail problem = switch (e.reason()) {
            case UNKNOWN_ACCOUNT -> ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
            case NOT_ACCOUNT_ADMIN -> ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
            case TRIAL_ACCOUNT, ALREADY_CANCELLING, ELIGIBLE ->
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        };
        problem.setProperty("reason", e.reason().name());
        if (e.reason() == Eligibility.TRIAL_ACCOUNT) {
            problem.setType(TRIAL_GUIDE);
            problem.setProperty("trialGuide", TRIAL_GUIDE.toString());
        }
        if (e.runningRequestId() != null) {
            problem.setProperty("runningRequest", e.runningRequestId());
        }
        return problem;
    }

    /** A header with control characters, which the firewall refuses when Spring MVC reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, RejectedApiRequests.detail(e));
    }

    /** An error nobody foresaw: the caller gets a reference to quote, the log gets the details. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote reference " + reference + " to support");
        problem.setProperty("reference", reference);
        return problem;
    }

    /** Malformed JSON, a duplicate field, a wrong type or an unknown enum value: 400, saying which. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            @NonNull HttpMessageNotReadableException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        // A chunked body over the limit fails while Jackson reads it, and Jackson wraps the failure.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, UnreadableBody.detail(e)));
    }

    /** Spring's own detail speaks of a missing static resource; here it is an endpoint the API does not have. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            @NonNull NoResourceFoundException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND,
                        "The API has no such endpoint: the OpenAPI document at /v3/api-docs lists them"));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            @NonNull HandlerMethodValidationException e,
            @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status,
            @NonNull WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> fieldOf(result.getMethodParameter().getParameterName(), error) + " "
                                + error.getDefaultMessage()))
                .reduce((first, second) -> first + "; " + second)
                .orElse("Invalid request");
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    /** The parameter, and within a body the field: {@code account.locale}. */
    private static String fieldOf(String parameter, MessageSourceResolvable error) {
        return error instanceof FieldError field ? parameter + "." + field.getField() : parameter;
    }
}
