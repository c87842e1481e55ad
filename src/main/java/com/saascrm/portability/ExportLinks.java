package com.saascrm.portability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Links that download an account's export from a mail without a login: the account and an expiry, signed with
 * HMAC-SHA256. Whoever has the link has the data until it expires, as with a link to a file, so it goes only to the
 * account's admins and lives {@link ExportLinkSettings#lifetime()}; it carries no credential of anyone.
 */
@Component
public class ExportLinks {

    private static final Logger log = LoggerFactory.getLogger(ExportLinks.class);
    private static final String ALGORITHM = "HmacSHA256";

    public enum Check {
        VALID,
        EXPIRED,
        ALTERED
    }

    private final SecretKeySpec key;
    private final ExportLinkSettings settings;
    private final Clock clock;

    ExportLinks(ExportLinkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        byte[] secret;
        if (settings.secret() == null || settings.secret().isBlank()) {
            log.warn("cancellation.export-links.secret is not set: export links in mails stop working at the next start"
                    + " and work on this node only");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else {
            secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The path and query of a link that downloads the account's export until the configured lifetime is over. */
    public String pathFor(String accountId) {
        long expires = clock.instant().plus(settings.lifetime()).getEpochSecond();
        return "/account-data/" + accountId + "/export?expires=" + expires + "&signature="
                + signature(accountId, expires);
    }

    public Check check(String accountId, String expires, String signature) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Check.ALTERED;
        }
        byte[] expected = signature(accountId, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Check.ALTERED;
        }
        return clock.instant().isAfter(Instant.ofEpochSecond(expiresAt)) ? Check.EXPIRED : Check.VALID;
    }

    private String signature(String accountId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] signed = mac.doFinal(("export\n" + accountId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
