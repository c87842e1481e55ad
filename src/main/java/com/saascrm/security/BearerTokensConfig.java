package com.saascrm.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bearer tokens are read only where an issuer is configured. */
@Configuration
class BearerTokensConfig {

    @Bean
    @ConditionalOnProperty("cancellation.security.tokens.issuer-uri")
    BearerTokens bearerTokens(TokenSettings settings, IdentityService identityService) {
        return new BearerTokens(settings, identityService);
    }
}
