package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.CONFLICT;
import static com.saascrm.api.ApiProblem.FORBIDDEN;
import static com.saascrm.api.ApiProblem.NOT_FOUND;
import static com.saascrm.api.ApiProblem.PAYLOAD_TOO_LARGE;
import static com.saascrm.api.ApiProblem.UNSUPPORTED_MEDIA_TYPE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.account.AccountDirectory;
import com.saascrm.account.AccountDirectory.AccountEntry;
import com.saascrm.account.AccountDirectory.Outcome;
import com.saascrm.account.AccountDirectory.UserEntry;
import com.saascrm.account.BillingIds;
import com.saascrm.account.DirectoryEntryRefusedException;
import com.saascrm.security.AccountGroups;
import com.saascrm.security.ApiCaller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The directory feed (README, The directory feed): the CRM's backend keeps accounts and their users here in step
 * with its own. Only the feed's service login may call it. Each write carries the CRM's version of what it writes.
 */
@RestController
@RequestMapping("/api/directory")
@Tag(name = "Directory feed")
@SecurityRequirement(name = "basic")
class DirectoryController {

    static final String NDJSON = "application/x-ndjson";

    private final AccountDirectory directory;
    private final DirectoryBulkLoad bulkLoad;
    private final ErasedAccountIds erasedAccounts;

    DirectoryController(AccountDirectory directory, DirectoryBulkLoad bulkLoad, ErasedAccountIds erasedAccounts) {
        this.directory = directory;
        this.bulkLoad = bulkLoad;
        this.erasedAccounts = erasedAccounts;
    }

    record AccountPut(
            @NotBlank @Size(max = 200) String companyName,

            @NotNull @Pattern(regexp = "en|nb", message = "must be en or nb")
            String locale,

            @NotBlank @Size(max = 64) String timeZone,
            @NotNull Boolean trial,
            @NotBlank @Size(max = 32) String plan,
            @NotNull Instant currentPeriodEnd,
            @NotNull @PositiveOrZero Long version,
            @Valid BillingPut billing,
            @PastOrPresent LocalDate customerSince) {

        AccountEntry entry(String accountId) {
            return new AccountEntry(
                    accountId,
                    companyName,
                    locale,
                    zone(timeZone),
                    trial,
                    plan,
                    currentPeriodEnd,
                    version,
                    billing == null ? null : new BillingIds(billing.customerId(), billing.subscriptionId()),
                    customerSince);
        }
    }

    /** The billing provider's ids of the account's customer and subscription (Stripe: {@code cus_...}, {@code sub_...}). */
    record BillingPut(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a provider's id")
            String customerId,

            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a provider's id")
            String subscriptionId) {}

    record UserPut(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull Boolean settingsAccess,
            @NotNull @PositiveOrZero Long version) {

        UserEntry entry(String login) {
            return new UserEntry(login, name, email, settingsAccess, version);
        }
    }

    record WriteOutcome(Outcome outcome) {}

    @Operation(
            operationId = "putDirectoryAccount",
            summary = "Create or update an account with its subscription (the directory feed)")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged or outdated (see outcome)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE})
    @PutMapping(path = "/accounts/{accountId}", consumes = APPLICATION_JSON_VALUE, produces = APPLICATION_JSON_VALUE)
    ResponseEntity<WriteOutcome> putAccount(
            @PathVariable @AccountId String accountId,
            @RequestBody @Valid AccountPut account,
            Authentication authentication) {
        requireFeed(authentication);
        erasedAccounts.refuseReuse(accountId);
        return answer(CreationRace.writeAgainIfLost(() -> directory.putAccount(account.entry(accountId))));
    }

    @Operation(
            operationId = "putDirectoryUser",
            summary = "Make a user a member of the account, or update them (the directory feed)")
    @ApiResponse(responseCode = "200", description = "Changed, or unchanged or outdated (see outcome)")
    @ApiResponse(responseCode = "201", description = "Created: the user is a member of the account now")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE})
    @PutMapping(
            path = "/accounts/{accountId}/users/{login}",
            consumes = APPLICATION_JSON_VALUE,
            produces = APPLICATION_JSON_VALUE)
    ResponseEntity<WriteOutcome> putUser(
            @PathVariable @AccountId String accountId,
            @PathVariable @Login String login,
            @RequestBody @Valid UserPut user,
            Authentication authentication) {
        requireFeed(authentication);
        return answer(directory.putUser(accountId, user.entry(login)));
    }

    @Operation(operationId = "removeDirectoryUser", summary = "Remove a user from the account (the directory feed)")
    @ProblemAnswers({BAD_REQUEST, FORBIDDEN, NOT_FOUND})
    @DeleteMapping(path = "/accounts/{accountId}/users/{login}", produces = APPLICATION_JSON_VALUE)
    WriteOutcome removeUser(
            @PathVariable @AccountId String accountId,
            @PathVariable @Login String login,
            @RequestParam @PositiveOrZero long version,
            Authentication authentication) {
        requireFeed(authentication);
        return new WriteOutcome(directory.removeUser(accountId, login, version));
    }

    @Operation(
            operationId = "loadDirectory",
            summary = "Load many accounts with their users: one JSON object a line (the directory feed's first load)",
            // The body is read as a stream, line by line, so the document is told what each line is.
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "One account a line, with its users by login",
                            content =
                                    @Content(
                                            mediaType = NDJSON,
                                            schema = @Schema(implementation = DirectoryBulkLoad.AccountLine.class))))
    @ProblemAnswers({FORBIDDEN, UNSUPPORTED_MEDIA_TYPE})
    @PostMapping(path = "/accounts", consumes = NDJSON, produces = APPLICATION_JSON_VALUE)
    DirectoryBulkLoad.Summary load(HttpServletRequest request, Authentication authentication) throws IOException {
        requireFeed(authentication);
        return bulkLoad.load(request.getInputStream());
    }

    static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new DirectoryEntryRefusedException("Unknown time zone '" + timeZone + "'");
        }
    }

    private static void requireFeed(Authentication authentication) {
        if (!ApiCaller.of(authentication).isIn(AccountGroups.DIRECTORY_FEED)) {
            throw new ApiForbiddenException("Only the directory feed may do this");
        }
    }

    private static ResponseEntity<WriteOutcome> answer(Outcome outcome) {
        return ResponseEntity.status(outcome == Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new WriteOutcome(outcome));
    }
}
