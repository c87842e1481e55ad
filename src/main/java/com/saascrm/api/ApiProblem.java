package com.saascrm.api;

import org.springframework.http.HttpStatus;

/**
 * The error answers an operation of the API can give, each an {@code application/problem+json} body. Operations
 * name theirs with {@link ProblemAnswers}, besides those every operation of a kind gives ({@link ApiProblemAnswers}):
 * the OpenAPI document declares them from here, and a test holds the document to what the API tests receive.
 */
enum ApiProblem {
    BAD_REQUEST(
            HttpStatus.BAD_REQUEST,
            "The request is malformed or a value is invalid; the detail says which",
            "accountId must be 1 to 40 lowercase letters, digits or hyphens, starting with a letter or digit"),
    UNAUTHORIZED(
            HttpStatus.UNAUTHORIZED,
            "No login, or a wrong one; WWW-Authenticate names the ways to log in",
            "Log in with HTTP Basic: the login and password of the CRM"),
    FORBIDDEN(
            HttpStatus.FORBIDDEN,
            "The caller may not do this for this account",
            "Only an admin of account 'acme' may do this"),
    NOT_ACCEPTABLE(
            HttpStatus.NOT_ACCEPTABLE,
            "The Accept header allows nothing the operation answers with",
            "Acceptable representations: [application/json, application/*+json]."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such account, or nothing of the kind for it", "No account with id 'acme'"),
    CONFLICT(
            HttpStatus.CONFLICT,
            "Not now: the account or its cancellation is in a state that does not allow it",
            "The cancellation of account 'acme' cannot be withdrawn now: only between the cancellation and the end of"
                    + " access; it is now LOCKED"),
    /** A start refused: the reason, and where it applies the trial guide or the request already running. */
    START_REFUSED(
            HttpStatus.CONFLICT,
            "The cancellation cannot start: a trial account (see trialGuide) or one already being cancelled (see"
                    + " runningRequest)",
            "Account 'acme' is a trial account; trials are cancelled differently"),
    PAYLOAD_TOO_LARGE(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "The body is larger than the API takes",
            "The request body is larger than 16384 bytes"),
    UNSUPPORTED_MEDIA_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The body is not of a type the operation takes (Content-Type)",
            "Content-Type 'text/plain' is not supported."),
    TOO_MANY_REQUESTS(
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed logins from this client: Retry-After says when to try again",
            "Too many failed logins from this client, retry after 60 s");

    private final HttpStatus status;
    private final String description;
    private final String exampleDetail;

    ApiProblem(HttpStatus status, String description, String exampleDetail) {
        this.status = status;
        this.description = description;
        this.exampleDetail = exampleDetail;
    }

    HttpStatus status() {
        return status;
    }

    String description() {
        return description;
    }

    String exampleDetail() {
        return exampleDetail;
    }
}
