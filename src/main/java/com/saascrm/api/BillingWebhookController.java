package com.saascrm.api;

import static com.saascrm.api.ApiProblem.BAD_REQUEST;
import static com.saascrm.api.ApiProblem.PAYLOAD_TOO_LARGE;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.saascrm.billing.BillingEvent;
import com.saascrm.billing.StripeWebhooks;
import com.saascrm.cancellation.BillingEvents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Stripe's webhook: no login, the signature of the body is the caller's proof (see {@link StripeWebhooks}). A
 * refused call answers 400 and changes nothing; an event handled before answers 200 again, so Stripe stops sending it.
 */
@RestController
@Tag(name = "Billing webhook")
class BillingWebhookController {

    static final String PATH = "/api/billing/stripe/webhook";

    private final StripeWebhooks webhooks;
    private final BillingEvents events;

    BillingWebhookController(StripeWebhooks webhooks, BillingEvents events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    record Received(String event, boolean handledNow) {}

    @Operation(
            operationId = "receiveBillingEvent",
            summary =
                    "The billing provider reports a change of a subscription (signed with the webhook secret, no login)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description =
                                    "A Stripe event, exactly as Stripe sent it: Stripe-Signature signs these bytes",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object"))))
    @ProblemAnswers({BAD_REQUEST, PAYLOAD_TOO_LARGE})
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Received receive(
            @RequestBody String payload, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        BillingEvent event = webhooks.verify(payload, signature);
        return new Received(event.id(), events.handle(event));
    }
}
