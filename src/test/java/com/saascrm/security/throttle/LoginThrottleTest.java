package com.saascrm.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.saascrm.security.throttle.LoginThrottleSettings.FailureLimit;
import com.saascrm.security.throttle.Verdict.Outcome;

/** The throttle's rules, on a clock the test moves. */
class LoginThrottleTest {

    private static final LoginThrottleSettings SETTINGS = new LoginThrottleSettings(
            new FailureLimit(20, Duration.ofHours(1)),
            new FailureLimit(5, Duration.ofMinutes(15)),
            new FailureLimit(30, Duration.ofHours(1)),
            Duration.ofDays(30),
            1000);

    private final MovableClock clock = new MovableClock(Instant.parse("2030-03-01T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(SETTINGS, clock);

    @Test
    void aClientGuessingOneLoginIsThrottledAndTheOwnerElsewhereIsNot() {
        failTimes(5, "203.0.113.1", "alice");

        Verdict guesser = throttle.verdict("203.0.113.1", "alice");
        assertThat(guesser.outcome()).isEqualTo(Outcome.CLIENT_THROTTLED);
        assertThat(guesser.retryAfterSeconds()).isEqualTo(180);
        assertThat(throttle.verdict("198.51.100.1", "alice").admitted()).isTrue();
        assertThat(throttle.verdict("203.0.113.1", "bob").admitted()).isTrue();

        clock.advance(Duration.ofSeconds(179));
        assertThat(throttle.verdict("203.0.113.1", "alice").retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.verdict("203.0.113.1", "alice").admitted()).isTrue();
    }

    @Test
    void aClientTryingManyLoginsIsThrottledForAll() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("203.0.113.2", "login-" + i);
        }

        Verdict next = throttle.verdict("203.0.113.2", "someone-else");
        assertThat(next.outcome()).isEqualTo(Outcome.CLIENT_THROTTLED);
        assertThat(next.retryAfterSeconds()).isEqualTo(180);
        assertThat(throttle.verdict("198.51.100.2", "someone-else").admitted()).isTrue();
    }

    @Test
    void attemptsAdmittedTogetherAllCountAndTheClientWaitsTheLonger() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.verdict("203.0.113.3", "alice").admitted()).isTrue();
        }
        for (int i = 0; i < 10; i++) {
            throttle.failed("203.0.113.3", "alice");
        }

        // Five over the limit: the client waits for six refills of 180 s.
        assertThat(throttle.verdict("203.0.113.3", "alice").retryAfterSeconds()).isEqualTo(6 * 180);
    }

    @Test
    void aLoginGuessedFromManyClientsIsLockedOnlyForClientsItHasNotLoggedInFrom() {
        throttle.succeeded("198.51.100.9", "alice");
        for (int attacker = 0; attacker < 6; attacker++) {
            failTimes(5, "203.0.113." + (100 + attacker), "alice");
        }

        Verdict newDevice = throttle.verdict("192.0.2.1", "alice");
        assertThat(newDevice.outcome()).isEqualTo(Outcome.LOGIN_LOCKED);
        assertThat(newDevice.retryAfterSeconds()).isEqualTo(120);
        assertThat(throttle.verdict("198.51.100.9", "alice").admitted()).isTrue();
        assertThat(throttle.verdict("192.0.2.1", "bob").admitted()).isTrue();

        clock.advance(Duration.ofSeconds(120));
        assertThat(throttle.verdict("192.0.2.1", "alice").admitted()).isTrue();
    }

    @Test
    void aClientIsKnownForItsLoginOnlyForAWhile() {
        throttle.succeeded("198.51.100.9", "alice");
        clock.advance(Duration.ofDays(30));
        for (int attacker = 0; attacker < 6; attacker++) {
            failTimes(5, "203.0.113." + (110 + attacker), "alice");
        }

        assertThat(throttle.verdict("198.51.100.9", "alice").outcome()).isEqualTo(Outcome.LOGIN_LOCKED);
    }

    @Test
    void aRightPasswordClearsTheClientsFailuresForThatLogin() {
        failTimes(4, "203.0.113.4", "alice");
        throttle.succeeded("203.0.113.4", "alice");
        failTimes(4, "203.0.113.4", "alice");

        assertThat(throttle.verdict("203.0.113.4", "alice").admitted()).isTrue();
    }

    @Test
    void endlessAddressesAndLoginsUseBoundedMemory() {
        for (int i = 0; i < 20_000; i++) {
            String client = "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
            throttle.failed(client, "login-" + i);
            throttle.succeeded(client, "other-" + i);
        }

        assertThat(throttle.largestTable()).isLessThanOrEqualTo(SETTINGS.maxTrackedKeys());
    }

    private void failTimes(int times, String client, String login) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.verdict(client, login).admitted()).isTrue();
            throttle.failed(client, login);
        }
    }
}
