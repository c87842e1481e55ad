package com.saascrm.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.testsupport.ProcessApplicationTest;
import com.saascrm.testsupport.TestAccounts;
import com.saascrm.testsupport.TestAccounts.TestAccount;

/** Each step refuses the wrong starting state and does no harm when it is repeated. */
@ProcessApplicationTest
class AccountLifecycleTest {

    @Autowired
    private AccountLifecycle lifecycle;

    @Autowired
    private Accounts accounts;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AccountIdentities identities;

    private TestAccount account;

    @BeforeEach
    void createAccount() {
        account = new TestAccounts(jdbc, identities).paidAccount("nb", Instant.parse("2030-03-31T22:00:00Z"));
    }

    @Test
    void onlyAnAdminOfAnActivePaidAccountWithoutRunningRequestIsEligible() {
        assertThat(lifecycle.openRequest("no-such-account", account.admin(), "r0"))
                .isEqualTo(Eligibility.UNKNOWN_ACCOUNT);
        assertThat(lifecycle.openRequest(account.id(), null, "r1")).isEqualTo(Eligibility.NOT_ACCOUNT_ADMIN);
        assertThat(lifecycle.openRequest(account.id(), account.user(), "r2")).isEqualTo(Eligibility.NOT_ACCOUNT_ADMIN);
        assertThat(lifecycle.openRequest(account.id(), account.admin(), "r3-" + account.id()))
                .isEqualTo(Eligibility.ELIGIBLE);
        assertThat(lifecycle.openRequest(account.id(), account.secondAdmin(), "r4"))
                .isEqualTo(Eligibility.ALREADY_CANCELLING);
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheAccountId() {
        assertThatThrownBy(() -> lifecycle.lockOut(account.id()))
                .isInstanceOf(AccountStateException.class)
                .hasMessage("Account '" + account.id() + "' is ACTIVE, expected CANCELLATION_SCHEDULED");
        lifecycle.openRequest(account.id(), account.admin(), "r-" + account.id());
        assertThatThrownBy(() -> lifecycle.reopen(account.id()))
                .isInstanceOf(AccountStateException.class)
                .hasMessage("Account '" + account.id() + "' is ACTIVE, expected LOCKED");
        assertThatThrownBy(() -> lifecycle.withdraw(account.id())).isInstanceOf(AccountStateException.class);
        assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void repeatedStepsAreHarmless() {
        long reopenedBefore = reopenedCount();
        lifecycle.openRequest(account.id(), account.admin(), "r-" + account.id());
        lifecycle.cancel(account.id());
        lifecycle.cancel(account.id());
        assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.CANCELLATION_SCHEDULED);
        CancellationSchedule schedule = lifecycle.scheduleFor(
                accounts.subscriptionOf(account.id()).orElseThrow().currentPeriodEnd());
        lifecycle.lockOut(account.id());
        lifecycle.lockOut(account.id());
        lifecycle.reopen(account.id());
        lifecycle.reopen(account.id());

        assertThat(schedule.accessEndsAt()).isEqualTo(Instant.parse("2030-03-31T22:00:00Z"));
        assertThat(accounts.get(account.id()).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(reopenedCount()).as("counted once").isEqualTo(reopenedBefore + 1);
    }

    private long reopenedCount() {
        return jdbc.sql("SELECT COUNT(*) FROM cancellation_statistic WHERE outcome = 'REOPENED'")
                .query(Long.class)
                .single();
    }
}
