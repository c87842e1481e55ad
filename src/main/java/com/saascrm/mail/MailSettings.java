package com.saascrm.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender and support addresses of the product's mail, the application's public address for links, and the
 * SMTP/IMAP server that the default profile runs inside the application so that it needs no mail server outside.
 *
 * @param appUrl the address users reach the application at, for links; unset, this machine and the port the
 *               application runs on ({@link PublicAddress})
 */
@ConfigurationProperties("cancellation.mail")
public record MailSettings(
        @DefaultValue("no-reply@crm.example") String from,
        @DefaultValue("support@crm.example") String supportAddress,
        @DefaultValue("account-cancellation.crm.example") String messageIdDomain,
        String appUrl,
        @DefaultValue EmbeddedServer embeddedServer) {

    /**
     * Whether it runs at all ({@code cancellation.mail.embedded-server.enabled}) decides which beans exist, so
     * {@code EmbeddedMailServerConfig} reads it as a condition, not from here.
     */
    public record EmbeddedServer(@DefaultValue("3143") int imapPort) {}
}
