package com.saascrm.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * The application never runs without a way to administer it (see {@link SetupEndpointBlock}): with password logins
 * the camunda-admin group must have a member, else it stops at start and says how to configure one. With single
 * sign-on the company's provider names the Camunda admins (its groups claim), so none need be stored here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CamundaAdminGuard implements ApplicationRunner {

    private final IdentityService identityService;
    private final ObjectProvider<ClientRegistrationRepository> singleSignOn;

    CamundaAdminGuard(IdentityService identityService, ObjectProvider<ClientRegistrationRepository> singleSignOn) {
        this.identityService = identityService;
        this.singleSignOn = singleSignOn;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (singleSignOn.getIfAvailable() == null
                && identityService
                                .createUserQuery()
                                .memberOfGroup(AccountGroups.CAMUNDA_ADMIN)
                                .count()
                        == 0) {
            throw new IllegalStateException("The group camunda-admin has no member. Configure an administrator with "
                    + "camunda.bpm.admin-user.id and camunda.bpm.admin-user.password (for example the environment "
                    + "variables CAMUNDA_BPM_ADMINUSER_ID and CAMUNDA_BPM_ADMINUSER_PASSWORD).");
        }
    }
}
