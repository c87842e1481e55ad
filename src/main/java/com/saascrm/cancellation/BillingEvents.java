package com.saascrm.cancellation;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saascrm.account.AccountDirectory;
import com.saascrm.account.AccountStatus;
import com.saascrm.account.Accounts;
import com.saascrm.billing.BillingEvent;
import com.saascrm.billing.StripeWebhooks;

/**
 * What the billing provider's events do to a cancellation (what support did in the provider's dashboard, or what
 * the provider did itself): a period that ends at another time moves the lockout and the dates after it; a
 * cancellation taken back there withdraws it here; a subscription ended before its period end brings the lockout
 * forward to that moment. Each event acts once; events about accounts without a cancellation change nothing.
 */
@Service
public class BillingEvents {

    private static final Logger log = LoggerFactory.getLogger(BillingEvents.class);

    private final StripeWebhooks webhooks;
    private final Accounts accounts;
    private final AccountDirectory directory;
    private final CancellationCommands commands;

    BillingEvents(
            StripeWebhooks webhooks, Accounts accounts, AccountDirectory directory, CancellationCommands commands) {
        this.webhooks = webhooks;
        this.accounts = accounts;
        this.directory = directory;
        this.commands = commands;
    }

    /** Acts on the event unless it did before; false then. A failure leaves it unhandled, so the provider sends it again. */
    @Transactional
    public boolean handle(BillingEvent event) {
        if (!webhooks.firstTime(event.id())) {
            log.info("Billing event {} was handled before", event.id());
            return false;
        }
        Optional<String> account =
                Optional.ofNullable(event.subscriptionId()).flatMap(accounts::accountOfBillingSubscription);
        if (account.isEmpty()) {
            log.info("Billing event {} ({}) is about no account here", event.id(), event.type());
            return true;
        }
        String accountId = account.get();
        AccountStatus status = accounts.get(accountId).status();
        if (status != AccountStatus.CANCELLATION_SCHEDULED) {
            log.info(
                    "Billing event {} ({}) for account {}: no cancellation before the lockout, nothing to do",
                    event.id(),
                    event.type(),
                    accountId);
            return true;
        }
        if (BillingEvent.SUBSCRIPTION_DELETED.equals(event.type()) && event.endedAt() != null) {
            log.info("Billing event {}: account {}'s subscription ended at the provider", event.id(), accountId);
            directory.periodEndFromBilling(accountId, event.endedAt());
        } else if (BillingEvent.SUBSCRIPTION_UPDATED.equals(event.type())) {
            if (Boolean.FALSE.equals(event.cancelAtPeriodEnd())) {
                log.info(
                        "Billing event {}: account {}'s cancellation was taken back at the provider",
                        event.id(),
                        accountId);
                commands.withdraw(accountId);
            } else if (event.currentPeriodEnd() != null) {
                directory.periodEndFromBilling(accountId, event.currentPeriodEnd());
            }
        }
        return true;
    }
}
