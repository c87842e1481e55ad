package com.saascrm.security.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

import com.saascrm.security.TokenSettings;

/**
 * Camunda's identity provider for this application: account users and account groups are read from the domain
 * ({@link DomainIdentities}), everything else (staff logins and groups kept in Camunda, the Camunda admin) from
 * Camunda's own tables, which stay writable for them. Queries answer from both, Camunda's entries first, then the
 * domain's by login or group id; the sort order a query asks for applies within each part. A staff member whom the
 * company's provider logged in, and who is stored nowhere, is known by login ({@link SignedInStaff}).
 *
 * <p>Account identities are changed in the CRM only (the directory feed): writing them here is refused rather than
 * copied into Camunda's tables, where they would go out of date and outlive an erasure. Who may read them follows
 * Camunda's rules for its own entries: a user sees itself and its groups, a Camunda admin (or a login granted READ on
 * all users or groups) sees all.
 */
class DirectoryIdentityProvider extends DbIdentityServiceProvider {

    private final DomainIdentities domain;
    private final PasswordLogins passwords;
    private final TokenSettings claims;

    DirectoryIdentityProvider(DomainIdentities domain, PasswordLogins passwords, TokenSettings claims) {
        this.domain = domain;
        this.passwords = passwords;
        this.claims = claims;
    }

    // users

    @Override
    public UserEntity findUserById(String userId) {
        Optional<UserEntity> member = domain.user(userId);
        if (member.isEmpty()) {
            Optional<UserEntity> signedIn = SignedInStaff.withLogin(userId, claims);
            if (signedIn.isPresent() && getDbEntityManager().selectById(UserEntity.class, userId) == null) {
                return signedIn.get();
            }
            return super.findUserById(userId);
        }
        if (!userId.equals(currentUserId())) {
            checkAuthorization(Permissions.READ, Resources.USER, userId);
        }
        return member.get();
    }

    @Override
    public UserQuery createUserQuery() {
        return new DirectoryUserQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQueryImpl createUserQuery(CommandContext commandContext) {
        return new DirectoryUserQuery();
    }

    @Override
    public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
        long count = super.findUserCountByQueryCriteria(query) + domain.countUsers(userCriteria(query));
        return count == 0 ? signedInStaff(query).size() : count;
    }

    @Override
    public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
        List<User> users = storedThenDomain(
                query,
                super.findUserByQueryCriteria(query),
                () -> super.findUserCountByQueryCriteria(query),
                (offset, limit) -> domain.users(userCriteria(query), offset, limit));
        return users.isEmpty() && query.getFirstResult() == 0 ? signedInStaff(query) : users;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        if (domain.isUser(userId)) {
            return passwords.matches(userId, password);
        }
        return super.checkPassword(userId, password);
    }

    @Override
    public UserEntity createNewUser(String userId) {
        refuseDomainUser(userId, Permissions.CREATE, Resources.USER, null);
        return super.createNewUser(userId);
    }

    @Override
    public IdentityOperationResult saveUser(User user) {
        refuseDomainUser(user.getId(), Permissions.UPDATE, Resources.USER, user.getId());
        return super.saveUser(user);
    }

    @Override
    public IdentityOperationResult deleteUser(String userId) {
        refuseDomainUser(userId, Permissions.DELETE, Resources.USER, userId);
        return super.deleteUser(userId);
    }

    // groups

    @Override
    public GroupEntity findGroupById(String groupId) {
        if (!DomainGroupId.isDomainGroup(groupId)) {
            return super.findGroupById(groupId);
        }
        if (!currentGroupIds().contains(groupId)) {
            checkAuthorization(Permissions.READ, Resources.GROUP, groupId);
        }
        return domain.group(groupId).orElse(null);
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new DirectoryGroupQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new DirectoryGroupQuery();
    }

    @Override
    public long findGroupCountByQueryCriteria(DbGroupQueryImpl query) {
        if (!signedInStaffGroups(query).isEmpty()) {
            return findGroupByQueryCriteria(query).size();
        }
        return super.findGroupCountByQueryCriteria(query) + domain.countGroups(groupCriteria(query));
    }

    @Override
    public List<Group> findGroupByQueryCriteria(DbGroupQueryImpl query) {
        List<Group> groups = storedThenDomain(
                query,
                super.findGroupByQueryCriteria(query),
                () -> super.findGroupCountByQueryCriteria(query),
                (offset, limit) -> domain.groups(groupCriteria(query), offset, limit));
        if (query.getFirstResult() == 0) {
            signedInStaffGroups(query).stream()
                    .filter(staff ->
                            groups.stream().noneMatch(group -> group.getId().equals(staff.getId())))
                    .forEach(groups::add);
        }
        return groups;
    }

    @Override
    public GroupEntity createNewGroup(String groupId) {
        refuseDomainGroup(groupId, Permissions.CREATE, Resources.GROUP, null);
        return super.createNewGroup(groupId);
    }

    @Override
    public IdentityOperationResult saveGroup(Group group) {
        refuseDomainGroup(group.getId(), Permissions.UPDATE, Resources.GROUP, group.getId());
        return super.saveGroup(group);
    }

    @Override
    public IdentityOperationResult deleteGroup(String groupId) {
        refuseDomainGroup(groupId, Permissions.DELETE, Resources.GROUP, groupId);
        return super.deleteGroup(groupId);
    }

    @Override
    public IdentityOperationResult createMembership(String userId, String groupId) {
        refuseDomainUser(userId, Permissions.CREATE, Resources.GROUP_MEMBERSHIP, groupId);
        refuseDomainGroup(groupId, Permissions.CREATE, Resources.GROUP_MEMBERSHIP, groupId);
        return super.createMembership(userId, groupId);
    }

    @Override
    public IdentityOperationResult deleteMembership(String userId, String groupId) {
        refuseDomainUser(userId, Permissions.DELETE, Resources.GROUP_MEMBERSHIP, groupId);
        refuseDomainGroup(groupId, Permissions.DELETE, Resources.GROUP_MEMBERSHIP, groupId);
        return super.deleteMembership(userId, groupId);
    }

    /**
     * One page over Camunda's entries and then the domain's: {@code stored} is Camunda's part of the page; the
     * domain fills the rest, from where the page starts past Camunda's entries.
     */
    private static <T> List<T> storedThenDomain(
            ListQueryParameterObject page,
            List<T> stored,
            LongSupplier storedCount,
            BiFunction<Integer, Integer, List<? extends T>> domainPage) {
        List<T> entries = new ArrayList<>(stored);
        int wanted = page.getMaxResults() - entries.size();
        if (wanted > 0) {
            long skipped = entries.isEmpty() ? storedCount.getAsLong() : page.getFirstResult();
            int offset = (int) Math.max(0, page.getFirstResult() - skipped);
            entries.addAll(domainPage.apply(offset, wanted));
        }
        return entries;
    }

    /** The staff member logged in through the provider, where the query asks for exactly that login. */
    private List<User> signedInStaff(DbUserQueryImpl query) {
        return SignedInStaff.withLogin(query.getId(), claims)
                .<List<User>>map(List::of)
                .orElse(List.of());
    }

    /**
     * The staff groups of the staff member logged in through the provider, where the query asks for the groups of
     * that login and nothing else: how the web apps learn, and every few minutes check again, whom they serve.
     */
    private List<Group> signedInStaffGroups(DbGroupQueryImpl query) {
        if (query.getUserId() == null
                || query.getId() != null
                || query.getIds() != null
                || query.getName() != null
                || query.getNameLike() != null
                || query.getType() != null) {
            return List.of();
        }
        return SignedInStaff.groupsOf(query.getUserId(), claims).stream()
                .map(id -> {
                    GroupEntity group = new GroupEntity(id);
                    group.setName(id);
                    group.setType(DomainIdentities.SHARED_GROUP_TYPE);
                    return (Group) group;
                })
                .toList();
    }

    // the questions, as the domain reads them

    private UserCriteria userCriteria(DbUserQueryImpl query) {
        boolean matchesNone = query.getTenantId() != null
                || (query instanceof DirectoryUserQuery directory && directory.potentialStarterOf() != null)
                || (query.getLastName() != null && !query.getLastName().isEmpty())
                || (query.getLastNameLike() != null && !query.getLastNameLike().matches("%+"))
                || (query.getIds() != null && query.getIds().length == 0)
                || (query.getGroupId() != null && !DomainGroupId.isDomainGroup(query.getGroupId()));
        return new UserCriteria(
                query.getId(),
                query.getIds() == null ? null : Arrays.asList(query.getIds()),
                query.getFirstName(),
                query.getFirstNameLike(),
                query.getEmail(),
                query.getEmailLike(),
                DomainGroupId.parse(query.getGroupId()),
                seesAll(Resources.USER) ? null : currentUserId(),
                matchesNone);
    }

    private GroupCriteria groupCriteria(DbGroupQueryImpl query) {
        List<String> ids = query.getIds() == null ? null : Arrays.asList(query.getIds());
        List<String> asked = query.getId() != null ? List.of(query.getId()) : ids;
        List<String> accountIds = asked == null
                ? null
                : asked.stream()
                        .map(DomainGroupId::parse)
                        .flatMap(Optional::stream)
                        .map(DomainGroupId::accountId)
                        .filter(id -> id != null)
                        .toList();
        List<String> visible = seesAll(Resources.GROUP)
                ? null
                : currentGroupIds().stream()
                        .filter(DomainGroupId::isDomainGroup)
                        .toList();
        boolean matchesNone = query.getTenantId() != null
                || (query instanceof DirectoryGroupQuery directory && directory.potentialStarterOf() != null)
                || (asked != null && asked.stream().noneMatch(DomainGroupId::isDomainGroup))
                || (visible != null && visible.isEmpty());
        return new GroupCriteria(
                query.getId(),
                ids,
                query.getName(),
                query.getNameLike(),
                query.getType(),
                query.getUserId(),
                accountIds,
                visible,
                matchesNone);
    }

    // who asks

    /**
     * Whether the caller may see every account identity, as with Camunda's own: no authorization check runs (the
     * engine's own work, or no one logged in), or the caller is a Camunda admin or was granted READ on all of them.
     */
    private boolean seesAll(Resource resource) {
        CommandContext command = Context.getCommandContext();
        AuthorizationManager authorizations = command.getAuthorizationManager();
        Authentication caller = command.getAuthentication();
        return !authorizations.isAuthorizationEnabled()
                || !command.isAuthorizationCheckEnabled()
                || caller == null
                || caller.getUserId() == null
                || authorizations.isCamundaAdmin(caller)
                || authorizations.isAuthorized(Permissions.READ, resource, Authorization.ANY);
    }

    private static String currentUserId() {
        Authentication caller = Context.getCommandContext().getAuthentication();
        return caller == null ? null : caller.getUserId();
    }

    private static List<String> currentGroupIds() {
        Authentication caller = Context.getCommandContext().getAuthentication();
        return caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    }

    /**
     * The caller's permission is checked first, as Camunda checks it for its own identities: a caller without it
     * gets the same 403 whether or not the login is an account user's.
     */
    private void refuseDomainUser(String userId, Permission permission, Resource resource, String resourceId) {
        if (domain.isUser(userId)) {
            checkAuthorization(permission, resource, resourceId);
            throw new BadUserRequestException("User " + userId
                    + " is a user of a customer account: it comes from the CRM and is changed there, not in Camunda");
        }
    }

    private void refuseDomainGroup(String groupId, Permission permission, Resource resource, String resourceId) {
        if (DomainGroupId.isDomainGroup(groupId)) {
            checkAuthorization(permission, resource, resourceId);
            throw new BadUserRequestException("Group " + groupId
                    + " is a group of customer accounts: its members come from the CRM, not from Camunda");
        }
    }
}
