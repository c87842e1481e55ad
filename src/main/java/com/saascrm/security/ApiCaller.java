package com.saascrm.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The authenticated caller of the API: a login and its Camunda groups. */
public record ApiCaller(String login, List<String> groups) {

    public static ApiCaller of(Authentication authentication) {
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX))
                .map(authority -> authority.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length()))
                .toList();
        return new ApiCaller(authentication.getName(), groups);
    }

    public boolean isIn(String group) {
        return groups.contains(group);
    }
}
