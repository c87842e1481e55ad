package com.saascrm.security.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/** Makes the engine read account identities from the domain ({@link DirectoryIdentityProvider}). */
@Component
class DirectoryIdentityPlugin extends AbstractProcessEnginePlugin {

    private final DomainIdentities domain;
    private final PasswordLogins passwords;

    DirectoryIdentityPlugin(DomainIdentities domain, PasswordLogins passwords) {
        this.domain = domain;
        this.passwords = passwords;
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
                return new DirectoryIdentityProvider(domain, passwords);
            }
        });
    }
}
