package com.saascrm.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic for the API against the same identities as the web apps and engine-rest: Camunda's identity service
 * checks the password (failed attempts are counted and throttled before this, by the login throttle); the user's
 * Camunda groups become authorities named {@code GROUP_<groupId>}.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    static final String GROUP_PREFIX = "GROUP_";

    private final IdentityService identityService;

    CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName();
        Object password = authentication.getCredentials();
        if (login == null || !(password instanceof String text) || !identityService.checkPassword(login, text)) {
            throw new BadCredentialsException("Bad credentials");
        }
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(login).list().stream()
                .map(Group::getId)
                .map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(login, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
