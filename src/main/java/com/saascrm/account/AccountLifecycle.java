package com.saascrm.account;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.statistics.CancellationOutcome;

/**
 * The account's side of a cancellation: every step checks the state it starts from and is idempotent when the
 * account is already where the step would take it, so a step that is retried after a crash does no harm.
 */
@Service
@Transactional
public class AccountLifecycle {

    private final Accounts accounts;
    private final CancellationRequests requests;
    private final CancellationPolicy policy;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AccountLifecycle(
            Accounts accounts,
            CancellationRequests requests,
            CancellationPolicy policy,
            Clock clock,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.requests = requests;
        this.policy = policy;
        this.clock = clock;
        this.events = events;
    }

    /** Checks that {@code login} may cancel the account now and, if so, records the request under {@code requestId}. */
    public Eligibility openRequest(String accountId, String login, String requestId) {
        accounts.lock(accountId);
        Eligibility eligibility = eligibility(accountId, login);
        if (eligibility == Eligibility.ELIGIBLE) {
            requests.insert(accountId, requestId, login, clock.instant());
        }
        events.publishEvent(new CancellationRequestOpened(accountId, eligibility));
        return eligibility;
    }

    /** May {@code login} cancel the account now? Changes nothing; asked only in the account's turn. */
    private Eligibility eligibility(String accountId, String login) {
        Account account = accounts.find(accountId).orElse(null);
        if (account == null) {
            return Eligibility.UNKNOWN_ACCOUNT;
        }
        if (login == null || !accounts.isAdmin(accountId, login)) {
            return Eligibility.NOT_ACCOUNT_ADMIN;
        }
        if (account.trial()) {
            return Eligibility.TRIAL_ACCOUNT;
        }
        if (account.status() != AccountStatus.ACTIVE || requests.find(accountId).isPresent()) {
            return Eligibility.ALREADY_CANCELLING;
        }
        return Eligibility.ELIGIBLE;
    }

    /**
     * The account is cancelling: the admins keep access until the billing period ends. The subscription is the
     * billing provider's to cancel (billing.BillingProvider); this is the account's side.
     */
    public void cancel(String accountId) {
        if (!accounts.changeStatus(accountId, AccountStatus.ACTIVE, AccountStatus.CANCELLATION_SCHEDULED)) {
            requireStatus(accountId, AccountStatus.CANCELLATION_SCHEDULED, "ACTIVE");
        }
    }

    /** When access ends, the deletion reminder and the deletion are due, for a billing period that ends then. */
    public CancellationSchedule scheduleFor(Instant periodEnd) {
        return policy.scheduleFor(periodEnd);
    }

    /** Takes the cancellation back before access ends; the billing provider keeps the subscription going. */
    public void withdraw(String accountId) {
        if (accounts.changeStatus(accountId, AccountStatus.CANCELLATION_SCHEDULED, AccountStatus.ACTIVE)) {
            requests.close(accountId, CancellationOutcome.WITHDRAWN);
        } else {
            requireClosedRequest(accountId, "CANCELLATION_SCHEDULED");
        }
    }

    /** Access ends with the billing period: nobody of the account can work in it any more. */
    public void lockOut(String accountId) {
        if (!accounts.changeStatus(
                accountId, AccountStatus.CANCELLATION_SCHEDULED, AccountStatus.LOCKED, clock.instant())) {
            requireStatus(accountId, AccountStatus.LOCKED, "CANCELLATION_SCHEDULED");
        }
    }

    /** Opens a locked account again before deletion; the billing provider starts a new subscription. */
    public void reopen(String accountId) {
        if (accounts.changeStatus(accountId, AccountStatus.LOCKED, AccountStatus.ACTIVE, null)) {
            requests.close(accountId, CancellationOutcome.REOPENED);
        } else {
            requireClosedRequest(accountId, "LOCKED");
        }
    }

    /**
     * Makes the rest of the caller's transaction the account's turn: commands on one account (starts, abandons,
     * withdrawals, reopenings) wait for each other instead of meeting half-done changes in the engine.
     */
    public void takeTurn(String accountId) {
        accounts.lock(accountId);
    }

    /**
     * The admin accepted a retention offer and the billing provider has applied it: the request ends with the
     * account as it is, {@code RETAINED} or {@code PAUSED}.
     */
    public void retain(String accountId, CancellationOutcome outcome) {
        if (outcome != CancellationOutcome.RETAINED && outcome != CancellationOutcome.PAUSED) {
            throw new IllegalArgumentException("A retained request ends RETAINED or PAUSED, not " + outcome);
        }
        accounts.lock(accountId);
        requests.close(accountId, outcome);
    }

    /** The admin left the wizard, or let it expire: nothing about the account changes. */
    public void abandon(String accountId) {
        // Every change of the request row happens under the account's row lock (withdrawal and reopening hold it by
        // updating the account), so a start never meets a request that another transaction is removing.
        accounts.lock(accountId);
        requests.close(accountId, CancellationOutcome.ABANDONED);
    }

    /**
     * Withdrawal and reopening lead back to ACTIVE, where a wizard also starts: the step was already done only if
     * no request is open any more.
     */
    private void requireClosedRequest(String accountId, String expected) {
        Account account = accounts.get(accountId);
        if (requests.find(accountId).isPresent()) {
            throw new AccountStateException(accountId, account.status(), expected);
        }
    }

    private void requireStatus(String accountId, AccountStatus alreadyThere, String expected) {
        Account account = accounts.get(accountId);
        if (account.status() != alreadyThere) {
            throw new AccountStateException(accountId, account.status(), expected);
        }
    }
}
