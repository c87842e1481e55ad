package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OpenID Connect provider on loopback, in the test JVM: Spring Authorization Server with two service clients
 * ({@code crm-feed} with the directory feed's scope, {@code billing} without it). Users' tokens are signed with its
 * own key, as its login would sign them. One per JVM, started at first use; it stops with the JVM.
 */
public final class TestAuthorizationServer {

    public static final String AUDIENCE = "account-cancellation";
    public static final String FEED_CLIENT = "crm-feed";
    public static final String BILLING_CLIENT = "billing";

    private static TestAuthorizationServer shared;

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private TestAuthorizationServer() {
        int port = freePort();
        issuer = "http://127.0.0.1:" + port;
        String client = "--spring.security.oauth2.authorizationserver.client.";
        context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.config.name=test-authorization-server",
                        "--spring.main.banner-mode=off",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.security.oauth2.authorizationserver.issuer=" + issuer,
                        client + "feed.registration.client-id=" + FEED_CLIENT,
                        client + "feed.registration.client-secret={noop}" + secretOf(FEED_CLIENT),
                        client + "feed.registration.client-authentication-methods=client_secret_basic",
                        client + "feed.registration.authorization-grant-types=client_credentials",
                        client + "feed.registration.scopes=directory.write",
                        client + "billing.registration.client-id=" + BILLING_CLIENT,
                        client + "billing.registration.client-secret={noop}" + secretOf(BILLING_CLIENT),
                        client + "billing.registration.client-authentication-methods=client_secret_basic",
                        client + "billing.registration.authorization-grant-types=client_credentials",
                        client + "billing.registration.scopes=cancellation.read");
    }

    public static synchronized TestAuthorizationServer shared() {
        if (shared == null) {
            shared = new TestAuthorizationServer();
        }
        return shared;
    }

    public String issuer() {
        return issuer;
    }

    /** A service client's token, through the provider's token endpoint (client credentials). */
    public String clientToken(String clientId, String scope) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(clientId, secretOf(clientId));
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", scope);
        Map<?, ?> answer =
                new RestTemplate().postForObject(issuer + "/oauth2/token", new HttpEntity<>(form, headers), Map.class);
        return (String) answer.get("access_token");
    }

    /** A user's token as the provider's login issues it: valid for five minutes; {@code changes} may spoil it. */
    public String userToken(String login, List<String> groups, Consumer<JwtClaimsSet.Builder> changes) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(login)
                .audience(List.of(AUDIENCE))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claim("preferred_username", login)
                .claim("groups", groups);
        changes.accept(claims);
        @SuppressWarnings("unchecked")
        JWKSource<SecurityContext> keys = context.getBean(JWKSource.class);
        return new NimbusJwtEncoder(keys)
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
                .getTokenValue();
    }

    public String userToken(String login, List<String> groups) {
        return userToken(login, groups, claims -> {});
    }

    /** The provider wants every client's secret to be its own. */
    private static String secretOf(String clientId) {
        return clientId + "-secret";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class,
        OAuth2AuthorizationServerAutoConfiguration.class,
        OAuth2AuthorizationServerJwtAutoConfiguration.class
    })
    static class Provider {

        /** Every token is meant for the application under test. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> audience() {
            return context -> context.getClaims().audience(List.of(AUDIENCE));
        }
    }
}
