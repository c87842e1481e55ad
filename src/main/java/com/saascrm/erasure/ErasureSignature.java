package com.saascrm.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an erasure request and of a holder's confirmation, in the header {@value #HEADER}:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the holder's secret>}, the scheme Stripe's
 * webhooks use. The time in it stops a recorded call from being replayed later than {@link #TOLERANCE}.
 */
public final class ErasureSignature {

    public static final String HEADER = "Erasure-Signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private ErasureSignature() {}

    public static String sign(String secret, Instant at, String body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + hmac(secret, seconds + "." + body);
    }

    /** @throws InvalidErasureCallbackException when the header is missing, malformed, too old or does not match */
    public static void verify(String secret, String header, String body, Instant now) {
        if (header == null || header.isBlank()) {
            throw new InvalidErasureCallbackException("The " + HEADER + " header is missing");
        }
        String time = null;
        String signature = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                time = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signature = pair[1];
            }
        }
        if (time == null || signature == null || !time.matches("\\d{1,12}")) {
            throw new InvalidErasureCallbackException("The " + HEADER + " header is not t=<seconds>,v1=<signature>");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(time));
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            throw new InvalidErasureCallbackException("The signature was made at " + signedAt + ", more than "
                    + TOLERANCE.toMinutes() + " minutes from now");
        }
        byte[] expected = hmac(secret, time + "." + body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidErasureCallbackException("The signature does not match the body");
        }
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
