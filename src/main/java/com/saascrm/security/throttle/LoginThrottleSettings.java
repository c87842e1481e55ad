package com.saascrm.security.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins the application takes before it refuses to check more passwords.
 *
 * @param perClient          failed logins from one client address, whatever the login: a client trying many logins
 * @param perClientAndLogin  failed logins from one client for one login: a client guessing one password
 * @param perLogin           failed logins for one login from all clients: guessing from many addresses. When it runs
 *                           out the login is locked for every client that has not logged in as it recently
 * @param knownClientFor     how long a client that logged in as a login stays exempt from that login's lock
 * @param maxTrackedKeys     at most this many clients, logins and pairs are remembered in each table: the memory an
 *                           attacker with endless addresses and logins can make the application use
 */
@ConfigurationProperties("cancellation.security.login-throttle")
public record LoginThrottleSettings(
        FailureLimit perClient,
        FailureLimit perClientAndLogin,
        FailureLimit perLogin,
        @DefaultValue("P30D") Duration knownClientFor,
        @DefaultValue("100000") int maxTrackedKeys) {

    /** application.yaml's defaults where a limit is not configured at all: a nested record has no other way to default. */
    public LoginThrottleSettings {
        perClient = perClient != null ? perClient : new FailureLimit(20, Duration.ofHours(1));
        perClientAndLogin = perClientAndLogin != null ? perClientAndLogin : new FailureLimit(5, Duration.ofMinutes(15));
        perLogin = perLogin != null ? perLogin : new FailureLimit(30, Duration.ofHours(1));
    }

    /**
     * {@code failures} failed logins at once, after which one more is allowed every {@code period / failures}: the
     * allowance refills evenly over {@code period}.
     */
    public record FailureLimit(int failures, Duration period) {

        public FailureLimit {
            if (failures < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A failure limit needs at least one failure and a positive period");
            }
        }

        Duration interval() {
            return period.dividedBy(failures);
        }
    }
}
