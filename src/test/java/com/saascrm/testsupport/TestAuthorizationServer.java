package com.saascrm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OpenID Connect provider on loopback, in the test JVM: Spring Authorization Server with two service clients
 * ({@code crm-feed} with the directory feed's scope, {@code billing} without it), a login form for people
 * ({@link #addUser}) and a client for the web apps' single sign-on ({@link #registerWebClient}). Users' tokens for
 * the API are signed with its own key, as its login would sign them. One per JVM, started at first use; it stops
 * with the JVM.
 */
public final class TestAuthorizationServer {

    public static final String AUDIENCE = "account-cancellation";
    public static final String FEED_CLIENT = "crm-feed";
    public static final String BILLING_CLIENT = "billing";
    public static final String WEB_CLIENT = "camunda-webapps";

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
                        // Cookies do not tell ports apart: the application's session cookie is JSESSIONID too.
                        "--server.servlet.session.cookie.name=PROVIDER_SESSION",
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

    /** A person who can log in at the provider's form; {@code groups} go into the ID token's groups claim. */
    public void addUser(String login, String password, List<String> groups) {
        context.getBean(InMemoryUserDetailsManager.class)
                .createUser(User.withUsername(login)
                        .password("{noop}" + password)
                        .authorities(groups.toArray(String[]::new))
                        .build());
    }

    /**
     * The web apps' client (authorization code, OpenID) for an application at {@code applicationUrl}; its secret is
     * {@link #secretOf}. Registered again with a new address for each application.
     */
    public String registerWebClient(String applicationUrl) {
        RegisteredClientRepository clients = context.getBean(RegisteredClientRepository.class);
        RegisteredClient existing = clients.findByClientId(WEB_CLIENT);
        clients.save(
                RegisteredClient.withId(existing == null ? UUID.randomUUID().toString() : existing.getId())
                        .clientId(WEB_CLIENT)
                        .clientSecret("{noop}" + secretOf(WEB_CLIENT))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .redirectUri(applicationUrl + "/login/oauth2/code/company")
                        .postLogoutRedirectUri(applicationUrl + "/")
                        .scope(OidcScopes.OPENID)
                        .scope(OidcScopes.PROFILE)
                        .clientSettings(ClientSettings.builder()
                                .requireAuthorizationConsent(false)
                                .build())
                        .build());
        return WEB_CLIENT;
    }

    /** The provider wants every client's secret to be its own. */
    public static String secretOf(String clientId) {
        return clientId + "-secret";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not a {@code @Configuration}: the application's component scan, which covers this package, must not find it. */
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

        /**
         * Every access token is meant for the application under test; an ID token names the person's login and
         * groups, as a company's provider is configured to.
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims().audience(List.of(AUDIENCE));
                } else if (OidcParameterNames.ID_TOKEN.equals(
                        context.getTokenType().getValue())) {
                    Authentication person = context.getPrincipal();
                    context.getClaims()
                            .claim("preferred_username", person.getName())
                            .claim(
                                    "groups",
                                    person.getAuthorities().stream()
                                            .map(GrantedAuthority::getAuthority)
                                            .toList());
                }
            };
        }

        @Bean
        InMemoryUserDetailsManager people() {
            return new InMemoryUserDetailsManager();
        }

        /** The provider's endpoints; a person who is not logged in goes to the login form. */
        @Bean
        @Order(1)
        SecurityFilterChain provider(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer provider = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(provider.getEndpointsMatcher())
                    .with(provider, server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }
    }
}
