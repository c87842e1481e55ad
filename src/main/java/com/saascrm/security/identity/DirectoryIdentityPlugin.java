package com.saascrm.security.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

import com.saascrm.security.TokenSettings;

/**
 * Makes the engine read account identities from the domain ({@link DirectoryIdentityProvider}), and know the staff
 * member the company's provider logged in by the login claim of the tokens.
 */
@Component
class DirectoryIdentityPlugin extends AbstractProcessEnginePlugin {

    private final DomainIdentities domain;
    private final PasswordLogins passwords;
    private final TokenSettings tokens;

    DirectoryIdentityPlugin(DomainIdentities domain, PasswordLogins passwords, TokenSettings tokens) {
        this.domain = domain;
        this.passwords = passwords;
        this.tokens = tokens;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return DirectoryIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new DirectoryIdentityProvider(domain, passwords, tokens);
            }
        });
    }
}
