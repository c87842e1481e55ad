package com.saascrm.security.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.TimeMeter;

/**
 * Decides whether a login attempt may have its password checked, from the failures before it. It takes the place
 * of Camunda's own lock, which a stranger could trigger for anyone (see application.yaml):
 * <ul>
 * <li>a client that failed too often, for any login or for this one, is refused, so a guesser is slowed to the
 * limit's pace and never locks anybody else out;</li>
 * <li>a login that failed too often from all clients together (guessing from many addresses) is locked, but only
 * for clients that have not logged in as it lately: its owner keeps working from where they logged in before.</li>
 * </ul>
 * Time is the application's clock, so tests move it instead of waiting.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final Clock clock;
    private final Duration knownClientFor;
    private final FailureCounter perClient;
    private final FailureCounter perClientAndLogin;
    private final FailureCounter perLogin;
    private final Cache<ClientAndLogin, Instant> lastSuccess;

    LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.clock = clock;
        this.knownClientFor = settings.knownClientFor();
        TimeMeter time = new ClockTimeMeter(clock);
        this.perClient = new FailureCounter(settings.perClient(), settings.maxTrackedKeys(), time);
        this.perClientAndLogin = new FailureCounter(settings.perClientAndLogin(), settings.maxTrackedKeys(), time);
        this.perLogin = new FailureCounter(settings.perLogin(), settings.maxTrackedKeys(), time);
        this.lastSuccess = Caffeine.newBuilder()
                .maximumSize(settings.maxTrackedKeys())
                .expireAfterWrite(settings.knownClientFor())
                .executor(Runnable::run)
                .build();
    }

    Verdict verdict(String client, String login) {
        ClientAndLogin pair = new ClientAndLogin(client, login);
        Duration clientWait =
                longer(perClient.waitBeforeNextFailure(client), perClientAndLogin.waitBeforeNextFailure(pair));
        if (!clientWait.isZero()) {
            log.debug("Client {} refused for {}: too many failed logins", client, login);
            return new Verdict(Verdict.Outcome.CLIENT_THROTTLED, clientWait);
        }
        Duration loginWait = perLogin.waitBeforeNextFailure(login);
        if (!loginWait.isZero() && !isKnown(pair)) {
            log.debug("Client {} refused for {}: the login is locked", client, login);
            return new Verdict(Verdict.Outcome.LOGIN_LOCKED, loginWait);
        }
        return Verdict.ADMIT;
    }

    void failed(String client, String login) {
        boolean wasLocked = !perLogin.waitBeforeNextFailure(login).isZero();
        perClient.recordFailure(client);
        perClientAndLogin.recordFailure(new ClientAndLogin(client, login));
        perLogin.recordFailure(login);
        if (!wasLocked && !perLogin.waitBeforeNextFailure(login).isZero()) {
            log.info("Login {} is locked for clients it has not logged in from lately: too many failed logins", login);
        }
    }

    /** Only after the password was found right: a known client passes the login's lock. */
    void succeeded(String client, String login) {
        ClientAndLogin pair = new ClientAndLogin(client, login);
        perClientAndLogin.forget(pair);
        lastSuccess.put(pair, clock.instant());
    }

    /** How many keys the throttle holds at most in any of its tables. */
    long largestTable() {
        lastSuccess.cleanUp();
        return Math.max(
                Math.max(perClient.trackedKeys(), perClientAndLogin.trackedKeys()),
                Math.max(perLogin.trackedKeys(), lastSuccess.estimatedSize()));
    }

    private boolean isKnown(ClientAndLogin pair) {
        Instant since = lastSuccess.getIfPresent(pair);
        return since != null && clock.instant().isBefore(since.plus(knownClientFor));
    }

    private static Duration longer(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    private record ClientAndLogin(String client, String login) {}

    /** Bucket4j's time source on the application's clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
