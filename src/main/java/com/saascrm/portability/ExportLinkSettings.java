package com.saascrm.portability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secret   the key export links are signed with; the same on every node. Unset, each start makes one of its
 *                 own, and links die with a restart (fine for the demo, not for production)
 * @param lifetime how long a link in a mail downloads the data
 */
@ConfigurationProperties("cancellation.export-links")
public record ExportLinkSettings(
        String secret, @DefaultValue("P14D") Duration lifetime) {}
