package com.saascrm.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the web apps' script ({@code app/shared/single-sign-on.js}) whether users log in through the company's
 * provider, so that the log-out link also ends the session there. Public: it says nothing about anyone.
 */
@RestController
class WebappLoginKind {

    record LoginKind(boolean singleSignOn, String logout) {}

    private final LoginKind kind;

    WebappLoginKind(ObjectProvider<ClientRegistrationRepository> clients) {
        boolean singleSignOn = clients.getIfAvailable() != null;
        this.kind = new LoginKind(singleSignOn, singleSignOn ? WebappSingleSignOnConfig.LOGOUT_PATH : null);
    }

    @GetMapping(path = "/webapp-login", produces = MediaType.APPLICATION_JSON_VALUE)
    LoginKind kind() {
        return kind;
    }
}
