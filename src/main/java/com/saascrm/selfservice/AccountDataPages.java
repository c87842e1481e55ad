package com.saascrm.selfservice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.saascrm.account.Account;
import com.saascrm.account.Accounts;
import com.saascrm.mail.MailSettings;
import com.saascrm.portability.CrmExporter;
import com.saascrm.portability.CrmImporter;
import com.saascrm.portability.ExportLinks;
import com.saascrm.security.WebappLogin;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * An account's data in the browser, beside Tasklist, for its admins: the export downloads with a signed link from a
 * mail or with the Tasklist session (the link in the review step), and a page imports an export into an empty
 * account with the API's checks. A link that is expired or altered, or a browser without an admin's session, gets
 * a page that says what to do, with 403. The import takes only {@code application/zip}, which no page of another
 * site can send without the browser asking first, so the session cookie cannot be used for it from elsewhere.
 */
@Controller
@Hidden // pages for browsers, not part of the API's contract
class AccountDataPages {

    private static final String ZIP = "application/zip";

    private final Accounts accounts;
    private final ExportLinks links;
    private final WebappLogin webappLogin;
    private final CrmExporter exporter;
    private final CrmImporter importer;
    private final SelfServicePages pages;
    private final MailSettings mail;

    AccountDataPages(
            Accounts accounts,
            ExportLinks links,
            WebappLogin webappLogin,
            CrmExporter exporter,
            CrmImporter importer,
            SelfServicePages pages,
            MailSettings mail) {
        this.accounts = accounts;
        this.links = links;
        this.webappLogin = webappLogin;
        this.exporter = exporter;
        this.importer = importer;
        this.pages = pages;
        this.mail = mail;
    }

    /** Typed as a stream throughout, pages too: Spring streams a {@code ResponseEntity} only when its type says so. */
    @GetMapping("/account-data/{accountId}/export")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable String accountId,
            @RequestParam Optional<String> expires,
            @RequestParam Optional<String> signature,
            HttpServletRequest request) {
        Optional<Account> account = accounts.find(accountId);
        if (expires.isPresent() || signature.isPresent()) {
            ExportLinks.Check check = links.check(accountId, expires.orElse(""), signature.orElse(""));
            if (check != ExportLinks.Check.VALID) {
                return streamed(page(
                        HttpStatus.FORBIDDEN,
                        "link-refused",
                        account,
                        Map.of("expired", check == ExportLinks.Check.EXPIRED)));
            }
        } else if (!isAdminInThisBrowser(accountId, request)) {
            return streamed(signInNeeded(accountId, account));
        }
        if (account.isEmpty()) {
            return streamed(page(HttpStatus.NOT_FOUND, "account-gone", account, Map.of()));
        }
        StreamingResponseBody zip = out -> exporter.export(accountId, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ZIP))
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(accountId + "-export.zip")
                                .build()
                                .toString())
                .body(zip);
    }

    @GetMapping("/account-data/{accountId}/import")
    ResponseEntity<?> importPage(@PathVariable String accountId, HttpServletRequest request) {
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty() || !isAdminInThisBrowser(accountId, request)) {
            return signInNeeded(accountId, account);
        }
        return page(HttpStatus.OK, "import", account, Map.of());
    }

    @PostMapping(path = "/account-data/{accountId}/import", consumes = ZIP, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> importArchive(@PathVariable String accountId, HttpServletRequest request) throws IOException {
        if (accounts.find(accountId).isEmpty() || !isAdminInThisBrowser(accountId, request)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.FORBIDDEN,
                            "Log in to Tasklist as an admin of account '" + accountId + "' first"));
        }
        return ResponseEntity.ok(importer.importArchive(accountId, request.getInputStream()));
    }

    private static ResponseEntity<StreamingResponseBody> streamed(ResponseEntity<String> page) {
        byte[] html = page.getBody().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.status(page.getStatusCode())
                .headers(page.getHeaders())
                .body(out -> out.write(html));
    }

    /** The language of the account of the user logged in to Tasklist here, for Tasklist's own texts. */
    @GetMapping(path = "/account-data/language", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, String>> language(HttpServletRequest request) {
        return webappLogin
                .of(request)
                .flatMap(accounts::languageOf)
                .map(locale ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("locale", locale)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private boolean isAdminInThisBrowser(String accountId, HttpServletRequest request) {
        return webappLogin
                .of(request)
                .filter(login -> accounts.isAdmin(accountId, login))
                .isPresent();
    }

    private ResponseEntity<String> signInNeeded(String accountId, Optional<Account> account) {
        return page(HttpStatus.FORBIDDEN, "sign-in-needed", account, Map.of("accountId", accountId));
    }

    private ResponseEntity<String> page(
            HttpStatus status, String page, Optional<Account> account, Map<String, Object> facts) {
        Locale locale = Locale.forLanguageTag(account.map(Account::locale).orElse("en"));
        Map<String, Object> all = new HashMap<>(facts);
        all.put("support", mail.supportAddress());
        account.ifPresent(known -> all.put("accountId", known.id()));
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(pages.render(page, locale, all));
    }
}
