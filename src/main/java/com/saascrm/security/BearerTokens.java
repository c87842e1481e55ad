package com.saascrm.security;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the bearer tokens of {@code /api} and engine-rest: signed by the configured provider, issued by it, meant
 * for this application ({@code aud}) and not expired. The caller's login comes from the token, the groups as
 * {@link CallerGroups} says; the scope {@value TokenSettings#DIRECTORY_FEED_SCOPE} makes the caller the directory
 * feed.
 */
public class BearerTokens {

    private final TokenSettings settings;
    private final IdentityService identityService;
    private final JwtDecoder decoder;

    BearerTokens(TokenSettings settings, IdentityService identityService) {
        this.settings = settings;
        this.identityService = identityService;
        // The provider is asked for its keys at the first token, not at start: the application starts without it.
        this.decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(settings.issuerUri());
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(settings.issuerUri()),
                    new JwtClaimValidator<List<String>>(
                            "aud", audience -> audience != null && audience.contains(settings.audience()))));
            return decoder;
        });
    }

    /** The caller a token stands for. */
    public record TokenCaller(String login, List<String> groups) {}

    public JwtDecoder decoder() {
        return decoder;
    }

    /** @throws JwtException if the token is not valid here */
    public TokenCaller caller(String token) {
        return callerOf(decoder.decode(token));
    }

    AbstractAuthenticationToken authentication(Jwt jwt) {
        TokenCaller caller = callerOf(jwt);
        Collection<GrantedAuthority> authorities = caller.groups().stream()
                .map(group -> (GrantedAuthority)
                        new SimpleGrantedAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + group))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, caller.login());
    }

    private TokenCaller callerOf(Jwt jwt) {
        String login =
                jwt.hasClaim(settings.loginClaim()) ? jwt.getClaimAsString(settings.loginClaim()) : jwt.getSubject();
        List<String> claimed =
                jwt.hasClaim(settings.groupsClaim()) ? jwt.getClaimAsStringList(settings.groupsClaim()) : List.of();
        List<String> granted = scopes(jwt).contains(TokenSettings.DIRECTORY_FEED_SCOPE)
                ? List.of(AccountGroups.DIRECTORY_FEED)
                : List.of();
        return new TokenCaller(login, CallerGroups.of(login, claimed, granted, identityService));
    }

    private static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return List.of(text.split(" "));
        }
        return jwt.hasClaim("scope") ? jwt.getClaimAsStringList("scope") : List.of();
    }
}
