package com.saascrm.account;

import static com.saascrm.support.SqlTime.instant;
import static com.saascrm.support.SqlTime.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes accounts, their subscription, plan and users. */
@Repository
public class Accounts {

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String accountId) {
        return jdbc.sql("SELECT id, company_name, locale, time_zone, status, trial FROM account WHERE id = ?")
                .param(accountId)
                .query((rs, row) -> new Account(
                        rs.getString("id"),
                        rs.getString("company_name"),
                        rs.getString("locale"),
                        ZoneId.of(rs.getString("time_zone")),
                        AccountStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("trial")))
                .optional();
    }

    /**
     * Holds the account's row until the transaction ends, so that commands on one account take turns: the second of
     * two concurrent abandons waits and then finds nothing left to abandon. The request table's primary key stays the
     * last guard against two starts.
     */
    public void lock(String accountId) {
        jdbc.sql("SELECT id FROM account WHERE id = ? FOR UPDATE")
                .param(accountId)
                .query(String.class)
                .optional();
    }

    public Account get(String accountId) {
        return find(accountId).orElseThrow(() -> new UnknownAccountException(accountId));
    }

    public Optional<Subscription> subscriptionOf(String accountId) {
        return jdbc.sql(
                        "SELECT account_id, plan_code, current_period_end, cancelled_at, paused_until FROM subscription WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> new Subscription(
                        rs.getString("account_id"),
                        rs.getString("plan_code"),
                        instant(rs, "current_period_end"),
                        instant(rs, "cancelled_at"),
                        instant(rs, "paused_until")))
                .optional();
    }

    /** The facts the retention offer is decided from, on {@code today}. */
    public Optional<RetentionFacts> retentionFactsOf(String accountId, LocalDate today) {
        return jdbc.sql("""
                        SELECT s.plan_code, s.paused_until, a.customer_since,
                            (SELECT COUNT(*) FROM account_membership m WHERE m.account_id = a.id) AS users
                        FROM account a JOIN subscription s ON s.account_id = a.id WHERE a.id = ?""")
                .param(accountId)
                .query((rs, row) -> {
                    LocalDate since = rs.getObject("customer_since", LocalDate.class);
                    return new RetentionFacts(
                            rs.getString("plan_code"),
                            since == null || since.isAfter(today)
                                    ? null
                                    : Math.toIntExact(
                                            Period.between(since, today).toTotalMonths()),
                            rs.getInt("users"),
                            rs.getObject("paused_until") != null);
                })
                .optional();
    }

    public boolean planExists(String planCode) {
        return jdbc.sql("SELECT COUNT(*) FROM plan WHERE code = ?")
                        .param(planCode)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Plan plan(String planCode) {
        List<String> features = jdbc.sql("SELECT feature FROM plan_feature WHERE plan_code = ? ORDER BY position")
                .param(planCode)
                .query(String.class)
                .list();
        return jdbc.sql("SELECT code, name, billing_period FROM plan WHERE code = ?")
                .param(planCode)
                .query((rs, row) -> new Plan(
                        rs.getString("code"),
                        rs.getString("name"),
                        BillingPeriod.valueOf(rs.getString("billing_period")),
                        features))
                .single();
    }

    public boolean isAdmin(String accountId, String login) {
        return jdbc.sql(
                                "SELECT COUNT(*) FROM account_membership WHERE account_id = ? AND login = ? AND settings_access")
                        .params(accountId, login)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * The language a user reads the product in: that of an account the user administers, else of one the user
     * belongs to (the first by id, so that it does not change between requests).
     */
    public Optional<String> languageOf(String login) {
        return jdbc.sql("""
                        SELECT a.locale FROM account a JOIN account_membership m ON m.account_id = a.id
                        WHERE m.login = ? ORDER BY m.settings_access DESC, a.id""").param(login).query(String.class).list().stream().findFirst();
    }

    private static final String MEMBERS = """
            SELECT u.login, u.name, u.email, m.settings_access
            FROM app_user u JOIN account_membership m ON m.login = u.login
            WHERE m.account_id = ?""";

    private static final RowMapper<AccountUser> MEMBER = (rs, row) -> new AccountUser(
            rs.getString("login"), rs.getString("name"), rs.getString("email"), rs.getBoolean("settings_access"));

    public List<AccountUser> usersOf(String accountId) {
        return jdbc.sql(MEMBERS + " ORDER BY u.login")
                .param(accountId)
                .query(MEMBER)
                .list();
    }

    private boolean userExists(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE login = ?")
                        .param(login)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The ids of the accounts in {@code status}, in order. */
    public List<String> idsIn(AccountStatus status) {
        return jdbc.sql("SELECT id FROM account WHERE status = ? ORDER BY id")
                .param(status.name())
                .query(String.class)
                .list();
    }

    /** The ids of the accounts that {@code login} administers, in order. */
    public List<String> administeredBy(String login) {
        return jdbc.sql(
                        "SELECT account_id FROM account_membership WHERE login = ? AND settings_access ORDER BY account_id")
                .param(login)
                .query(String.class)
                .list();
    }

    public List<AccountUser> adminsOf(String accountId) {
        return usersOf(accountId).stream().filter(AccountUser::settingsAccess).toList();
    }

    /** Moves the account from one status to another; false if it was not in {@code from}. */
    boolean changeStatus(String accountId, AccountStatus from, AccountStatus to) {
        return jdbc.sql("UPDATE account SET status = ? WHERE id = ? AND status = ?")
                        .params(to.name(), accountId, from.name())
                        .update()
                == 1;
    }

    /** As {@link #changeStatus}, setting when the account was locked out (null: it is open again) in the same row. */
    boolean changeStatus(String accountId, AccountStatus from, AccountStatus to, Instant lockedAt) {
        return jdbc.sql("UPDATE account SET status = ?, locked_at = ? WHERE id = ? AND status = ?")
                        .params(to.name(), utc(lockedAt), accountId, from.name())
                        .update()
                == 1;
    }

    public Optional<BillingIds> billingIdsOf(String accountId) {
        return jdbc.sql("SELECT billing_customer_id, billing_subscription_id FROM subscription WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) ->
                        new BillingIds(rs.getString("billing_customer_id"), rs.getString("billing_subscription_id")))
                .optional();
    }

    /** The account whose subscription at the billing provider this is. */
    public Optional<String> accountOfBillingSubscription(String subscriptionId) {
        return jdbc.sql("SELECT account_id FROM subscription WHERE billing_subscription_id = ?")
                .param(subscriptionId)
                .query(String.class)
                .optional();
    }

    /** The billing provider's subscription that the account has now (a reopened account gets a new one). */
    public void setBillingSubscription(String accountId, String subscriptionId) {
        jdbc.sql("UPDATE subscription SET billing_subscription_id = ? WHERE account_id = ?")
                .params(subscriptionId, accountId)
                .update();
    }

    /** Records when the subscription was cancelled, unless it is already; a step run again changes nothing. */
    public void markSubscriptionCancelled(String accountId, Instant cancelledAt) {
        jdbc.sql("UPDATE subscription SET cancelled_at = ? WHERE account_id = ? AND cancelled_at IS NULL")
                .params(utc(cancelledAt), accountId)
                .update();
    }

    public void clearSubscriptionCancelled(String accountId) {
        jdbc.sql("UPDATE subscription SET cancelled_at = NULL WHERE account_id = ?")
                .param(accountId)
                .update();
    }

    public void restartSubscription(String accountId, Instant currentPeriodEnd) {
        jdbc.sql("UPDATE subscription SET cancelled_at = NULL, current_period_end = ? WHERE account_id = ?")
                .params(utc(currentPeriodEnd), accountId)
                .update();
    }

    /** Since when the account is a paying customer, as the CRM says: a fact the retention offer is decided from. */
    public void setCustomerSince(String accountId, LocalDate since) {
        jdbc.sql("UPDATE account SET customer_since = ? WHERE id = ?")
                .params(since, accountId)
                .update();
    }

    /** A discount on the subscription's next invoices until {@code endsAt}; a second one replaces the first. */
    public void discountSubscription(String accountId, int percent, Instant endsAt) {
        jdbc.sql("UPDATE subscription SET discount_percent = ?, discount_ends_at = ? WHERE account_id = ?")
                .params(percent, utc(endsAt), accountId)
                .update();
    }

    public void changeSubscriptionPlan(String accountId, String planCode) {
        jdbc.sql("UPDATE subscription SET plan_code = ? WHERE account_id = ?")
                .params(planCode, accountId)
                .update();
    }

    /** Billing stops until {@code until}; {@code null} resumes it. */
    public void pauseSubscription(String accountId, Instant until) {
        jdbc.sql("UPDATE subscription SET paused_until = ? WHERE account_id = ?")
                .params(until == null ? null : utc(until), accountId)
                .update();
    }

    /** A new active account with its subscription; false, and nothing changes, if the account exists. */
    public boolean create(
            String accountId,
            String companyName,
            String locale,
            String timeZone,
            boolean trial,
            String planCode,
            Instant currentPeriodEnd) {
        if (find(accountId).isPresent()) {
            return false;
        }
        jdbc.sql(
                        "INSERT INTO account (id, company_name, locale, time_zone, status, trial) VALUES (?, ?, ?, ?, 'ACTIVE', ?)")
                .params(accountId, companyName, locale, timeZone, trial)
                .update();
        jdbc.sql("INSERT INTO subscription (account_id, plan_code, current_period_end) VALUES (?, ?, ?)")
                .params(accountId, planCode, utc(currentPeriodEnd))
                .update();
        return true;
    }

    /** Makes {@code login} a member of the account, creating the user if there is none yet. */
    public void addMember(String accountId, String login, String name, String email, boolean settingsAccess) {
        if (!userExists(login)) {
            jdbc.sql("INSERT INTO app_user (login, name, email) VALUES (?, ?, ?)")
                    .params(login, name, email)
                    .update();
        }
        jdbc.sql("INSERT INTO account_membership (account_id, login, settings_access) VALUES (?, ?, ?)")
                .params(accountId, login, settingsAccess)
                .update();
    }

    /** What {@link #delete} removed besides the account: its memberships, and its users that were in no other. */
    public record Removed(long users, long memberships) {}

    /**
     * Deletes the account with its subscription and memberships, and the users that belong to no other account.
     * Its other data (CRM rows, the request, feedback) must be gone first.
     */
    public Removed delete(String accountId) {
        List<String> logins = jdbc.sql("SELECT login FROM account_membership WHERE account_id = ? ORDER BY login")
                .param(accountId)
                .query(String.class)
                .list();
        long memberships = jdbc.sql("DELETE FROM account_membership WHERE account_id = ?")
                .param(accountId)
                .update();
        long users = logins.stream().filter(this::deleteUserInNoAccount).count();
        jdbc.sql("DELETE FROM account_membership_removal WHERE account_id = ?")
                .param(accountId)
                .update();
        jdbc.sql("DELETE FROM subscription WHERE account_id = ?")
                .param(accountId)
                .update();
        jdbc.sql("DELETE FROM account WHERE id = ?").param(accountId).update();
        return new Removed(users, memberships);
    }

    /** Deletes the user if no account has them as a member any more; true if it did. */
    boolean deleteUserInNoAccount(String login) {
        return !isMemberOfAnyAccount(login)
                && jdbc.sql("DELETE FROM app_user WHERE login = ?").param(login).update() == 1;
    }

    private boolean isMemberOfAnyAccount(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM account_membership WHERE login = ?")
                        .param(login)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
