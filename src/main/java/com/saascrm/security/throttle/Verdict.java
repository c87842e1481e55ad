package com.saascrm.security.throttle;

import java.time.Duration;

/** What the throttle says to a login attempt before its password is checked. */
record Verdict(Outcome outcome, Duration retryAfter) {

    enum Outcome {
        /** The password may be checked. */
        ADMITTED,
        /** This client has failed too often: its attempts are refused, whichever password they carry (429). */
        CLIENT_THROTTLED,
        /** The login has failed too often from everywhere; this client has not logged in as it lately (401). */
        LOGIN_LOCKED
    }

    static final Verdict ADMIT = new Verdict(Outcome.ADMITTED, Duration.ZERO);

    boolean admitted() {
        return outcome == Outcome.ADMITTED;
    }

    /** Whole seconds, rounded up, at least one: for {@code Retry-After} and the message. */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
