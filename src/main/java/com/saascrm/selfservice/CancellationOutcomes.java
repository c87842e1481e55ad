package com.saascrm.selfservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.account.Account;
import com.saascrm.account.Accounts;
import com.saascrm.cancellation.CancellationStatus;
import com.saascrm.cancellation.CancellationStatus.State;
import com.saascrm.cancellation.CancellationStatusQuery;
import com.saascrm.security.WebappLogin;
import com.saascrm.texts.CustomerTexts;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Where the cancellations of the logged-in admin's accounts stand, in the account's words, for Tasklist to show
 * above the task list once the wizard is done (its list is empty then): until when access lasts, how to withdraw,
 * where the export is. Only accounts the user administers, and only those whose cancellation is confirmed.
 */
@RestController
@Hidden // read by Tasklist's page, not part of the API's contract
class CancellationOutcomes {

    private final WebappLogin login;
    private final Accounts accounts;
    private final CancellationStatusQuery statuses;
    private final CustomerTexts texts;

    CancellationOutcomes(WebappLogin login, Accounts accounts, CancellationStatusQuery statuses, CustomerTexts texts) {
        this.login = login;
        this.accounts = accounts;
        this.statuses = statuses;
        this.texts = texts;
    }

    /**
     * One account's outcome: a title, the sentences to show, and the export link with its label; {@code confirming}
     * while the confirmation is on its way to billing, after which the dates are known.
     */
    record Outcome(
            String accountId,
            String title,
            List<String> lines,
            String exportLabel,
            String exportHref,
            boolean confirming) {}

    @GetMapping(path = "/account-data/cancellations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Outcome>> ofLoggedInAdmin(HttpServletRequest request) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String accountId : login.of(request).map(accounts::administeredBy).orElse(List.of())) {
            statuses.of(accountId)
                    .flatMap(status -> outcomeOf(accounts.get(accountId), status))
                    .ifPresent(outcomes::add);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(outcomes);
    }

    private Optional<Outcome> outcomeOf(Account account, CancellationStatus status) {
        String language = account.locale();
        String until = texts.moment("until", status.accessEndsAt(), account.timeZone(), language);
        String deleted = texts.moment("on", status.deletionDueAt(), account.timeZone(), language);
        List<String> lines = new ArrayList<>();
        boolean kept = status.status() == State.PAUSED || status.status() == State.RETAINED;
        boolean confirming = status.status() == State.IN_PROGRESS && status.step() == null;
        if (confirming) {
            lines.add(texts.get("outcome.CONFIRMING", language));
        } else if (status.status() == State.CANCELLED) {
            lines.add(texts.get("outcome.CANCELLED", language, account.id(), until, deleted));
            lines.add(texts.get(
                    "outcome.withdraw",
                    language,
                    texts.moment("before", status.accessEndsAt(), account.timeZone(), language)));
            lines.add(texts.get("outcome.mail", language));
        } else if (status.status() == State.LOCKED) {
            lines.add(texts.get("outcome.LOCKED", language, account.id(), until, deleted));
        } else if (status.status() == State.PAUSED) {
            lines.add(texts.get(
                    "outcome.PAUSED",
                    language,
                    account.id(),
                    texts.moment("on", status.pauseEndsAt(), account.timeZone(), language)));
        } else if (status.status() == State.RETAINED) {
            lines.add(texts.get("outcome.RETAINED", language, account.id()));
        } else {
            return Optional.empty();
        }
        return Optional.of(new Outcome(
                account.id(),
                texts.get(kept ? "outcome.title_kept" : "outcome.title", language, account.id()),
                lines,
                status.status() == State.LOCKED ? null : texts.get("outcome.export", language),
                status.status() == State.LOCKED ? null : "/account-data/" + account.id() + "/export",
                confirming));
    }
}
