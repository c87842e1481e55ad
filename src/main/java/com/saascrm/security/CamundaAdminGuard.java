package com.saascrm.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The application never runs with an empty camunda-admin group (see {@link SetupEndpointBlock}): it stops at
 * start and says how to configure an administrator.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CamundaAdminGuard implements ApplicationRunner {

    private final IdentityService identityService;

    CamundaAdminGuard(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identityService
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
