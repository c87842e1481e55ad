package com.saascrm.cancellation;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/**
 * Who calls the engine's API: a user that engine-rest or the web apps authenticated, or the application itself
 * (no authenticated user), which the engine trusts as it does for authorization.
 *
 * @param privileged the application itself or a Camunda admin
 */
record EngineCaller(String userId, boolean privileged) {

    static EngineCaller of(CommandExecutor commands) {
        return commands.execute(EngineCaller::of);
    }

    static EngineCaller of(CommandContext context) {
        String userId = context.getAuthenticatedUserId();
        return new EngineCaller(
                userId,
                userId == null || context.getAuthorizationManager().isCamundaAdmin(context.getAuthentication()));
    }

    /** Refuses a route that only Camunda admins and the application use, with the same answer whatever it names. */
    void requirePrivileged(String whatIsRefused) {
        if (!privileged) {
            throw new AuthorizationException("User '" + userId + "' may not " + whatIsRefused
                    + " through the engine's API; only Camunda admins may");
        }
    }
}
