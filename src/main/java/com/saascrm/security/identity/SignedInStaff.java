package com.saascrm.security.identity;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.TokenSettings;

/**
 * A staff member whom the company's provider logged in to the web apps in this request. Staff are not fed by the
 * CRM and not stored here: the provider's groups claim makes them staff, and Camunda learns of them from their
 * login, as Camunda's own OAuth2 identity provider does. Camunda's web apps need the logged-in user to exist.
 */
final class SignedInStaff {

    private SignedInStaff() {}

    static Optional<UserEntity> withLogin(String login, TokenSettings claims) {
        return person(login, claims).map(person -> {
            UserEntity user = new UserEntity(login);
            user.setFirstName(person.getFullName() != null ? person.getFullName() : login);
            user.setLastName("");
            user.setEmail(person.getEmail());
            return user;
        });
    }

    /** The staff groups the provider's groups claim gives the login; none for anyone else. */
    static List<String> groupsOf(String login, TokenSettings claims) {
        return person(login, claims)
                .map(person -> person.hasClaim(claims.groupsClaim())
                        ? person.getClaimAsStringList(claims.groupsClaim())
                        : List.<String>of())
                .orElse(List.of())
                .stream()
                .filter(AccountGroups.STAFF::contains)
                .toList();
    }

    private static Optional<OidcUser> person(String login, TokenSettings claims) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (login == null
                || !(authentication instanceof OAuth2AuthenticationToken token)
                || !(token.getPrincipal() instanceof OidcUser person)
                || !login.equals(person.getClaimAsString(claims.loginClaim()))) {
            return Optional.empty();
        }
        return Optional.of(person);
    }
}
