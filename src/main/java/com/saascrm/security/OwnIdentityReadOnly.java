package com.saascrm.security;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda gives every new user all permissions on itself, so an account admin could delete her own login or put
 * another person's e-mail address into her profile. Identities belong to the account's admins in the CRM, not to the
 * logins: a user may read itself, and only Camunda admins change identities.
 */
@Component
class OwnIdentityReadOnly extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new ReadOnlyOwner());
    }

    private static final class ReadOnlyOwner extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newUser(User user) {
            return new AuthorizationEntity[] {
                createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(), Permissions.READ)
            };
        }
    }
}
