package com.saascrm.cancellation;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.saascrm.security.AccountGroups;
import com.saascrm.security.StaffIdentities;

/**
 * Who may do what with the cancellation process (docs/architecture.md, "Who may do what"), as Camunda
 * authorizations, created at every start where missing:
 * <ul>
 * <li>account admins: Tasklist, the start forms (a cancellation, the erasure of a cancelled account), and a filter of
 * their cancellation tasks. They see and work on a
 * task only as a candidate, and the candidate group is the admins of that one account;</li>
 * <li>operations: Cockpit, read the process, its instances, incidents and history, retry failed jobs; no task;</li>
 * <li>support: Cockpit, read only; in Tasklist, the start of an erasure asked for by an admin;</li>
 * <li>every login: read its own user, nothing more (identities are changed by Camunda admins only).</li>
 * </ul>
 */
@Component
@Order(0)
class CamundaAuthorizations implements ApplicationRunner {

    static final String TASK_FILTER_NAME = "Cancellation tasks";
    private static final String PROCESS = AccountCancellationProcess.PROCESS_KEY;

    private final AuthorizationService authorizations;
    private final StaffIdentities staff;
    private final FilterService filterService;
    private final TaskService taskService;

    CamundaAuthorizations(
            AuthorizationService authorizations,
            StaffIdentities staff,
            FilterService filterService,
            TaskService taskService) {
        this.authorizations = authorizations;
        this.staff = staff;
        this.filterService = filterService;
        this.taskService = taskService;
    }

    @Override
    public void run(ApplicationArguments args) {
        staff.ensureSharedGroups();

        grant(AccountGroups.ALL_ACCOUNT_ADMINS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(
                AccountGroups.ALL_ACCOUNT_ADMINS,
                Resources.PROCESS_DEFINITION,
                PROCESS,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(
                AccountGroups.ALL_ACCOUNT_ADMINS,
                Resources.PROCESS_INSTANCE,
                Authorization.ANY,
                ProcessInstancePermissions.CREATE);
        // Asking for a cancelled account's erasure now: admins for their account, support for an admin who asks.
        for (String group : List.of(AccountGroups.ALL_ACCOUNT_ADMINS, AccountGroups.SUPPORT)) {
            grant(
                    group,
                    Resources.PROCESS_DEFINITION,
                    ErasureRequestProcess.PROCESS_KEY,
                    ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE);
        }
        grant(AccountGroups.SUPPORT, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(AccountGroups.SUPPORT, Resources.PROCESS_INSTANCE, Authorization.ANY, ProcessInstancePermissions.CREATE);

        grant(AccountGroups.OPERATIONS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(
                AccountGroups.OPERATIONS,
                Resources.PROCESS_DEFINITION,
                PROCESS,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                ProcessDefinitionPermissions.RETRY_JOB);
        grant(AccountGroups.OPERATIONS, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
        // Cockpit's batch view: the progress of a model migration, and a retry of its failed jobs.
        grant(
                AccountGroups.OPERATIONS,
                Resources.BATCH,
                Authorization.ANY,
                Permissions.READ,
                Permissions.READ_HISTORY,
                Permissions.UPDATE);

        grant(AccountGroups.SUPPORT, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(
                AccountGroups.SUPPORT,
                Resources.PROCESS_DEFINITION,
                PROCESS,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY);

        String filterId = taskFilter();
        grantEveryone(Resources.FILTER, filterId, Permissions.READ);
        ownIdentitiesReadOnly();
    }

    /**
     * Users created before the security package's {@code OwnIdentityReadOnly} was in place got Camunda's default of all permissions on
     * themselves; they keep READ. Only those rows are touched, so this costs nothing once done.
     */
    private void ownIdentitiesReadOnly() {
        for (Authorization owner : authorizations
                .createAuthorizationQuery()
                .resourceType(Resources.USER)
                .hasPermission(Permissions.DELETE)
                .list()) {
            if (owner.getUserId() != null && owner.getUserId().equals(owner.getResourceId())) {
                owner.setPermissions(new Permission[] {Permissions.READ});
                authorizations.saveAuthorization(owner);
            }
        }
    }

    /** Every admin's Tasklist view: the cancellation tasks of the groups the user is in, claimed ones included. */
    private String taskFilter() {
        Filter existing =
                filterService.createFilterQuery().filterName(TASK_FILTER_NAME).singleResult();
        if (existing != null) {
            return existing.getId();
        }
        Filter filter = filterService.newTaskFilter(TASK_FILTER_NAME);
        filter.setQuery(taskService
                .createTaskQuery()
                .processDefinitionKey(PROCESS)
                .taskCandidateGroupInExpression("${currentUserGroups()}")
                .includeAssignedTasks());
        filter.setProperties(
                Map.of("description", "Your account's cancellation steps", "priority", -10, "refresh", true));
        return filterService.saveFilter(filter).getId();
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations
                .createAuthorizationQuery()
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void grantEveryone(Resource resource, String resourceId, Permission permission) {
        if (authorizations
                        .createAuthorizationQuery()
                        .authorizationType(AUTH_TYPE_GLOBAL)
                        .resourceType(resource)
                        .resourceId(resourceId)
                        .count()
                == 0) {
            Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
            authorization.setUserId(Authorization.ANY);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            authorization.addPermission(permission);
            authorizations.saveAuthorization(authorization);
        }
    }
}
