package com.saascrm.erasure;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A system outside this application that holds accounts' data (a search index, file storage, the mail provider's
 * logs) and deletes an account's data when asked.
 *
 * @param name     how operations, Cockpit and the certificate name it
 * @param url      where the erasure requests are posted
 * @param secret   shared with the holder: signs the requests and the holder's confirmations
 * @param deadline how long after the request it may take to confirm before operations get an incident
 */
public record ErasureHolder(
        String name,
        URI url,
        String secret,
        @DefaultValue("PT24H") Duration deadline) {

    private static final int MIN_SECRET_LENGTH = 32;

    public ErasureHolder {
        if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException(
                    "cancellation.erasure.holders: the holder '" + name + "' needs an http(s) url");
        }
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("cancellation.erasure.holders: the holder '" + name
                    + "' needs a secret of at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(
                    "cancellation.erasure.holders: the holder '" + name + "' needs a positive deadline");
        }
    }

    @Override
    public String toString() {
        return "ErasureHolder[" + name + ", " + url + "]";
    }
}
