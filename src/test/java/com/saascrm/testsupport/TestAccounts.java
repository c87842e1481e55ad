package com.saascrm.testsupport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.saascrm.security.AccountIdentities;
import com.saascrm.security.StaffIdentities;

/**
 * Creates accounts for tests, each with ids of its own so that tests sharing one database never meet. Every
 * personal field carries the account id, so a test can look for it where it must not be.
 */
public class TestAccounts {

    public static final String PASSWORD = "test-password";
    private static final AtomicInteger sequence = new AtomicInteger();

    private final JdbcClient jdbc;
    private final AccountIdentities identities;

    public TestAccounts(JdbcClient jdbc, AccountIdentities identities) {
        this.jdbc = jdbc;
        this.identities = identities;
    }

    /** A paid account (time zone Europe/Oslo for {@code nb}, else UTC): admins {@code <id>-admin1} and {@code <id>-admin2}, user {@code <id>-user}, 3 of each CRM entity. */
    public TestAccount paidAccount(String locale, Instant currentPeriodEnd) {
        return create(locale, false, currentPeriodEnd);
    }

    public TestAccount trialAccount(Instant currentPeriodEnd) {
        return create("en", true, currentPeriodEnd);
    }

    /** A paid account like {@link #paidAccount}, but without any CRM data: where an import may go. */
    public TestAccount emptyPaidAccount(Instant currentPeriodEnd) {
        TestAccount account = create("en", false, currentPeriodEnd);
        for (String table : new String[] {"crm_note", "crm_activity", "crm_deal", "crm_person", "crm_organization"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE account_id = ?")
                    .param(account.id())
                    .update();
        }
        return account;
    }

    private TestAccount create(String locale, boolean trial, Instant currentPeriodEnd) {
        String id = "acct" + sequence.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
        jdbc.sql(
                        "INSERT INTO account (id, company_name, locale, time_zone, status, trial) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")
                .params(id, "Company of " + id, locale, locale.equals("nb") ? "Europe/Oslo" : "UTC", trial)
                .update();
        jdbc.sql("INSERT INTO subscription (account_id, plan_code, current_period_end) VALUES (?, 'PROFESSIONAL', ?)")
                .params(id, currentPeriodEnd.atOffset(ZoneOffset.UTC))
                .update();
        TestAccount account = new TestAccount(id);
        addUser(id, account.admin(), true);
        addUser(id, account.secondAdmin(), true);
        addUser(id, account.user(), false);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("INSERT INTO crm_organization (account_id, name) VALUES (?, ?)")
                    .params(id, "Organization of " + id)
                    .update();
            jdbc.sql("INSERT INTO crm_person (account_id, name, email) VALUES (?, ?, ?)")
                    .params(id, "Person of " + id, "person@" + id + ".example")
                    .update();
            jdbc.sql(
                            "INSERT INTO crm_deal (account_id, title, value_cents, currency, stage) VALUES (?, ?, 1000, 'NOK', 'LEAD')")
                    .params(id, "Deal of " + id)
                    .update();
            jdbc.sql("INSERT INTO crm_activity (account_id, subject, done) VALUES (?, ?, FALSE)")
                    .params(id, "Call " + id)
                    .update();
            jdbc.sql("INSERT INTO crm_note (account_id, content) VALUES (?, ?)")
                    .params(id, "Note about " + id)
                    .update();
        }
        identities.provision(id, PASSWORD);
        return account;
    }

    /** A staff login (support, operations) in the given Camunda group; created once. */
    public String staffUser(StaffIdentities staff, String groupId) {
        String login = "staff-" + groupId;
        staff.ensureStaffMember(login, groupId, login + "@crm.example", groupId, PASSWORD);
        return login;
    }

    /** Makes {@code login} (already a user elsewhere) a user without settings access of {@code accountId} too. */
    public void addMembership(String accountId, String login) {
        jdbc.sql("INSERT INTO account_membership (account_id, login, settings_access) VALUES (?, ?, FALSE)")
                .params(accountId, login)
                .update();
        identities.provision(accountId, PASSWORD);
    }

    /**
     * The CRM says the account has been a customer since {@code since}: old enough, the retention offer's table makes
     * it an offer (test accounts are new, and get none).
     */
    public void customerSince(String accountId, LocalDate since) {
        jdbc.sql("UPDATE account SET customer_since = ? WHERE id = ?")
                .params(since, accountId)
                .update();
    }

    private void addUser(String accountId, String login, boolean settingsAccess) {
        jdbc.sql("INSERT INTO app_user (login, name, email) VALUES (?, ?, ?)")
                .params(login, "Name of " + login, login + "@mail.example")
                .update();
        jdbc.sql("INSERT INTO account_membership (account_id, login, settings_access) VALUES (?, ?, ?)")
                .params(accountId, login, settingsAccess)
                .update();
    }

    public record TestAccount(String id) {

        public String admin() {
            return id + "-admin1";
        }

        public String secondAdmin() {
            return id + "-admin2";
        }

        public String user() {
            return id + "-user";
        }

        public String companyName() {
            return "Company of " + id;
        }

        public String email(String login) {
            return login + "@mail.example";
        }
    }
}
