package com.saascrm.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens (JWT) from the company's OpenID Connect provider, for {@code /api} and engine-rest. Off while no
 * issuer is set.
 *
 * @param issuerUri  the provider's issuer; its discovery document names the keys that sign the tokens
 * @param audience   what a token's {@code aud} must contain to be meant for this application
 * @param loginClaim the claim that holds the user's login ({@code sub} where a token has none: a service client)
 * @param groupsClaim the claim that lists the user's groups; only the staff groups are taken from it
 */
@ConfigurationProperties("cancellation.security.tokens")
public record TokenSettings(
        String issuerUri,
        @DefaultValue("account-cancellation") String audience,
        @DefaultValue("preferred_username") String loginClaim,
        @DefaultValue("groups") String groupsClaim) {

    /** The scope that makes a token the directory feed's. */
    public static final String DIRECTORY_FEED_SCOPE = "directory.write";

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
