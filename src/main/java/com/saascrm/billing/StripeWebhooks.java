package com.saascrm.billing;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saascrm.support.SqlTime;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.net.Webhook;

/**
 * Reads Stripe's webhook calls: only a body signed with the endpoint's secret ({@code Stripe-Signature}), at a
 * timestamp no older than the tolerance (an old event sent again is refused), is read; and each event is handled
 * once, however often Stripe delivers it.
 */
@Service
public class StripeWebhooks {

    private final StripeSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    StripeWebhooks(StripeSettings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws InvalidWebhookException when the call is not Stripe's, is too old, or says nothing readable */
    public BillingEvent verify(String payload, String signature) {
        if (settings.webhookSecret() == null || settings.webhookSecret().isBlank()) {
            throw new InvalidWebhookException(
                    "No webhook secret is configured: cancellation.billing.stripe.webhook-secret");
        }
        if (signature == null || signature.isBlank()) {
            throw new InvalidWebhookException("The Stripe-Signature header is missing");
        }
        Event event;
        try {
            event = Webhook.constructEvent(
                    payload,
                    signature,
                    settings.webhookSecret(),
                    settings.webhookTolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookException("The signature does not match the body, or its timestamp is too old");
        } catch (RuntimeException e) {
            throw new InvalidWebhookException("The body is not a Stripe event");
        }
        return eventOf(event);
    }

    /** Records the event as handled; false if it was before. Part of the transaction that acts on it. */
    public boolean firstTime(String eventId) {
        try {
            jdbc.sql("INSERT INTO billing_event (event_id, received_at) VALUES (?, ?)")
                    .params(eventId, SqlTime.utc(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException handledBefore) {
            return false;
        }
    }

    private static BillingEvent eventOf(Event event) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new InvalidWebhookException("Event " + event.getId() + " carries an object that cannot be read");
        }
        if (!(object instanceof Subscription subscription)) {
            return new BillingEvent(event.getId(), event.getType(), null, null, null, null);
        }
        return new BillingEvent(
                event.getId(),
                event.getType(),
                subscription.getId(),
                subscription.getCancelAtPeriodEnd(),
                StripeSubscriptions.periodEndOf(subscription).orElse(null),
                StripeSubscriptions.endedAtOf(subscription));
    }
}
