package com.saascrm.account;

import static com.saascrm.support.SqlTime.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts and their users as the CRM feeds them (docs/architecture.md, The directory feed). Each write carries the
 * CRM's version of what it writes: one older than the stored version changes nothing and says so, one equal to it
 * is the same write again. Camunda reads users and memberships from these rows as they are (security.identity), so a
 * change of members needs no event; another language is published as {@link AccountLocaleChanged}, a new end of its billing period as
 * {@link SubscriptionPeriodChanged}. Mails read the account when they are sent, so they need no event.
 */
@Service
@Transactional
public class AccountDirectory {

    /** What a write did. */
    public enum Outcome {
        CREATED,
        CHANGED,
        /** The same version again: nothing to do. */
        UNCHANGED,
        /** Older than what is stored: ignored. */
        OUTDATED
    }

    public record AccountEntry(
            String id,
            String companyName,
            String locale,
            ZoneId timeZone,
            boolean trial,
            String planCode,
            Instant currentPeriodEnd,
            long version,
            BillingIds billing,
            LocalDate customerSince) {}

    public record UserEntry(String login, String name, String email, boolean settingsAccess, long version) {}

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;

    AccountDirectory(JdbcClient jdbc, Accounts accounts, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
    }

    /**
     * Creates the account, or brings it up to date. Its status stays as it is: a change that comes after the lockout
     * is recorded and reopens nothing.
     */
    public Outcome putAccount(AccountEntry entry) {
        requirePlan(entry.planCode());
        requireOwnBillingSubscription(entry);
        accounts.lock(entry.id());
        Optional<Long> stored = storedVersion("SELECT crm_version FROM account WHERE id = ?", entry.id());
        if (stored.isEmpty()) {
            if (accounts.create(
                    entry.id(),
                    entry.companyName(),
                    entry.locale(),
                    entry.timeZone().getId(),
                    entry.trial(),
                    entry.planCode(),
                    entry.currentPeriodEnd())) {
                setAccountVersion(entry.id(), entry.version());
                setBillingIds(entry);
                setCustomerSince(entry);
                return Outcome.CREATED;
            }
            // Another write created the account since this one looked: it is now a write to an existing account.
            accounts.lock(entry.id());
            stored = storedVersion("SELECT crm_version FROM account WHERE id = ?", entry.id());
        }
        Outcome outcome = compare(stored.orElseThrow(), entry.version());
        if (outcome == Outcome.CHANGED) {
            String locale = accounts.get(entry.id()).locale();
            Instant periodEnd = accounts.subscriptionOf(entry.id())
                    .map(Subscription::currentPeriodEnd)
                    .orElse(null);
            jdbc.sql("UPDATE account SET company_name = ?, locale = ?, time_zone = ?, trial = ? WHERE id = ?")
                    .params(
                            entry.companyName(),
                            entry.locale(),
                            entry.timeZone().getId(),
                            entry.trial(),
                            entry.id())
                    .update();
            jdbc.sql("UPDATE subscription SET plan_code = ?, current_period_end = ? WHERE account_id = ?")
                    .params(entry.planCode(), utc(entry.currentPeriodEnd()), entry.id())
                    .update();
            setAccountVersion(entry.id(), entry.version());
            setBillingIds(entry);
            setCustomerSince(entry);
            if (!entry.locale().equals(locale)) {
                events.publishEvent(new AccountLocaleChanged(entry.id(), entry.locale()));
            }
            if (!entry.currentPeriodEnd().equals(periodEnd)) {
                events.publishEvent(new SubscriptionPeriodChanged(entry.id(), entry.currentPeriodEnd()));
            }
        }
        return outcome;
    }

    /**
     * The billing provider says the current period ends at another time (or the subscription ended early): running
     * cancellations follow it before the lockout, as with a new period end from the CRM.
     */
    public void periodEndFromBilling(String accountId, Instant periodEnd) {
        accounts.lock(accountId);
        Instant stored = accounts.subscriptionOf(accountId)
                .map(Subscription::currentPeriodEnd)
                .orElse(null);
        if (!periodEnd.equals(stored)) {
            jdbc.sql("UPDATE subscription SET current_period_end = ? WHERE account_id = ?")
                    .params(utc(periodEnd), accountId)
                    .update();
            events.publishEvent(new SubscriptionPeriodChanged(accountId, periodEnd));
        }
    }

    /**
     * A subscription at the billing provider belongs to one account: its events and the provider's state act on that
     * account, so a write that names another account's subscription is refused (the unique index is the last guard).
     */
    private void requireOwnBillingSubscription(AccountEntry entry) {
        String subscription = entry.billing() == null ? null : entry.billing().subscriptionId();
        if (subscription != null
                && accounts.accountOfBillingSubscription(subscription)
                        .filter(owner -> !owner.equals(entry.id()))
                        .isPresent()) {
            throw new DirectoryEntryRefusedException(
                    "billing.subscriptionId: the subscription belongs to another account");
        }
    }

    /** The billing provider's ids, where the CRM sends them; a write without them keeps what is stored. */
    private void setBillingIds(AccountEntry entry) {
        if (entry.billing() != null) {
            jdbc.sql(
                            "UPDATE subscription SET billing_customer_id = ?, billing_subscription_id = ? WHERE account_id = ?")
                    .params(entry.billing().customerId(), entry.billing().subscriptionId(), entry.id())
                    .update();
        }
    }

    /** Since when the account is a customer, where the CRM sends it; a write without it keeps what is stored. */
    private void setCustomerSince(AccountEntry entry) {
        if (entry.customerSince() != null) {
            accounts.setCustomerSince(entry.id(), entry.customerSince());
        }
    }

    /** An account and its users in one transaction: the first load's unit. */
    public Loaded putAccountWithUsers(AccountEntry account, List<UserEntry> users) {
        Outcome accountOutcome = putAccount(account);
        List<Outcome> userOutcomes =
                users.stream().map(user -> putUser(account.id(), user)).toList();
        return new Loaded(accountOutcome, userOutcomes);
    }

    public record Loaded(Outcome account, List<Outcome> users) {}

    /** Makes the user a member of the account with the given settings access, creating the user if needed. */
    public Outcome putUser(String accountId, UserEntry entry) {
        accounts.get(accountId);
        accounts.lock(accountId);
        Optional<Long> removed = storedVersion(
                "SELECT crm_version FROM account_membership_removal WHERE account_id = ? AND login = ?",
                accountId,
                entry.login());
        if (removed.isPresent() && removed.get() >= entry.version()) {
            return Outcome.OUTDATED;
        }
        Optional<Long> member = storedVersion(
                "SELECT crm_version FROM account_membership WHERE account_id = ? AND login = ?",
                accountId,
                entry.login());
        Outcome outcome = member.isEmpty() ? Outcome.CREATED : compare(member.get(), entry.version());
        if (outcome == Outcome.UNCHANGED || outcome == Outcome.OUTDATED) {
            return outcome;
        }
        putUserRow(entry);
        if (member.isEmpty()) {
            jdbc.sql(
                            "INSERT INTO account_membership (account_id, login, settings_access, crm_version) VALUES (?, ?, ?, ?)")
                    .params(accountId, entry.login(), entry.settingsAccess(), entry.version())
                    .update();
            jdbc.sql("DELETE FROM account_membership_removal WHERE account_id = ? AND login = ?")
                    .params(accountId, entry.login())
                    .update();
        } else {
            jdbc.sql(
                            "UPDATE account_membership SET settings_access = ?, crm_version = ? WHERE account_id = ? AND login = ?")
                    .params(entry.settingsAccess(), entry.version(), accountId, entry.login())
                    .update();
        }
        return outcome;
    }

    /**
     * Ends the user's membership of the account; a user left in no account is deleted. The removal's version stays,
     * so that a write from before it cannot bring the user back.
     */
    public Outcome removeUser(String accountId, String login, long version) {
        accounts.get(accountId);
        accounts.lock(accountId);
        Optional<Long> member = storedVersion(
                "SELECT crm_version FROM account_membership WHERE account_id = ? AND login = ?", accountId, login);
        if (member.isPresent() && member.get() >= version) {
            return Outcome.OUTDATED;
        }
        Optional<Long> removed = storedVersion(
                "SELECT crm_version FROM account_membership_removal WHERE account_id = ? AND login = ?",
                accountId,
                login);
        if (removed.isPresent() && removed.get() >= version) {
            return removed.get() == version ? Outcome.UNCHANGED : Outcome.OUTDATED;
        }
        if (removed.isPresent()) {
            jdbc.sql("UPDATE account_membership_removal SET crm_version = ? WHERE account_id = ? AND login = ?")
                    .params(version, accountId, login)
                    .update();
        } else {
            jdbc.sql("INSERT INTO account_membership_removal (account_id, login, crm_version) VALUES (?, ?, ?)")
                    .params(accountId, login, version)
                    .update();
        }
        if (member.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        jdbc.sql("DELETE FROM account_membership WHERE account_id = ? AND login = ?")
                .params(accountId, login)
                .update();
        accounts.deleteUserInNoAccount(login);
        return Outcome.CHANGED;
    }

    private void putUserRow(UserEntry entry) {
        Optional<Long> stored = storedVersion("SELECT crm_version FROM app_user WHERE login = ?", entry.login());
        if (stored.isEmpty()) {
            jdbc.sql("INSERT INTO app_user (login, name, email, crm_version) VALUES (?, ?, ?, ?)")
                    .params(entry.login(), entry.name(), entry.email(), entry.version())
                    .update();
        } else if (stored.get() < entry.version()) {
            jdbc.sql("UPDATE app_user SET name = ?, email = ?, crm_version = ? WHERE login = ?")
                    .params(entry.name(), entry.email(), entry.version(), entry.login())
                    .update();
        }
    }

    private void requirePlan(String planCode) {
        if (jdbc.sql("SELECT COUNT(*) FROM plan WHERE code = ?")
                        .param(planCode)
                        .query(Long.class)
                        .single()
                == 0) {
            throw new DirectoryEntryRefusedException("Unknown plan '" + planCode + "'");
        }
    }

    private void setAccountVersion(String accountId, long version) {
        jdbc.sql("UPDATE account SET crm_version = ? WHERE id = ?")
                .params(version, accountId)
                .update();
    }

    /**
     * The stored version of a row: empty where there is no row, {@link Long#MIN_VALUE} where the row was not fed
     * by the CRM (demo data), so that any version of the CRM's is newer.
     */
    private Optional<Long> storedVersion(String sql, Object... keys) {
        return jdbc.sql(sql)
                .params(keys)
                .query((rs, row) -> {
                    long version = rs.getLong(1);
                    return rs.wasNull() ? Long.MIN_VALUE : version;
                })
                .optional();
    }

    private static Outcome compare(long stored, long version) {
        if (version > stored) {
            return Outcome.CHANGED;
        }
        return version == stored ? Outcome.UNCHANGED : Outcome.OUTDATED;
    }
}
