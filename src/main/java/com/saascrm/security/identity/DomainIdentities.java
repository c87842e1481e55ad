package com.saascrm.security.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saascrm.security.AccountGroups;

/**
 * The account users and account groups as Camunda sees them, read from the domain tables on every question: a user
 * per {@code app_user} (the name as first name, no last name, no password), a group of each account's admins and of
 * its other users, and the group of every account's admins. Nothing is copied, so nothing is out of date or left
 * behind when the CRM changes or an account is erased; each question reads by index (a login, an account id), so its
 * cost does not grow with the number of accounts, except the listing of all groups that Camunda's Admin app makes.
 */
@Repository
public class DomainIdentities {

    static final String ACCOUNT_GROUP_TYPE = "ACCOUNT";
    static final String SHARED_GROUP_TYPE = "WORKFLOW";

    private static final RowMapper<UserEntity> USER = (rs, row) -> {
        UserEntity user = new UserEntity(rs.getString("login"));
        user.setFirstName(rs.getString("name"));
        user.setLastName("");
        user.setEmail(rs.getString("email"));
        return user;
    };

    private static final RowMapper<GroupEntity> GROUP = (rs, row) -> {
        GroupEntity group = new GroupEntity(rs.getString("id"));
        group.setName(rs.getString("name"));
        group.setType(rs.getString("type"));
        return group;
    };

    private final JdbcClient jdbc;

    DomainIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isUser(String login) {
        return login != null
                && jdbc.sql("SELECT COUNT(*) FROM app_user WHERE login = ?")
                                .param(login)
                                .query(Long.class)
                                .single()
                        > 0;
    }

    Optional<UserEntity> user(String login) {
        return jdbc.sql("SELECT login, name, email FROM app_user WHERE login = ?")
                .param(login)
                .query(USER)
                .optional();
    }

    List<UserEntity> users(UserCriteria criteria, int offset, int limit) {
        if (criteria.matchesNone() || limit <= 0) {
            return List.of();
        }
        Sql sql = userSql(criteria, "u.login, u.name, u.email");
        sql.text.append(" ORDER BY u.login");
        return sql.page(offset, limit).query(USER).list();
    }

    long countUsers(UserCriteria criteria) {
        if (criteria.matchesNone()) {
            return 0;
        }
        return userSql(criteria, "COUNT(*)").statement().query(Long.class).single();
    }

    Optional<GroupEntity> group(String groupId) {
        return DomainGroupId.parse(groupId)
                .flatMap(
                        id -> groups(GroupCriteria.byId(groupId), 0, 1).stream().findFirst());
    }

    List<GroupEntity> groups(GroupCriteria criteria, int offset, int limit) {
        if (criteria.matchesNone() || limit <= 0) {
            return List.of();
        }
        Sql sql = groupSql(criteria, "g.id, g.name, g.type");
        sql.text.append(" ORDER BY g.id");
        return sql.page(offset, limit).query(GROUP).list();
    }

    long countGroups(GroupCriteria criteria) {
        if (criteria.matchesNone()) {
            return 0;
        }
        return groupSql(criteria, "COUNT(*)").statement().query(Long.class).single();
    }

    private Sql userSql(UserCriteria criteria, String columns) {
        Sql sql = new Sql("SELECT " + columns + " FROM app_user u WHERE 1 = 1");
        sql.where("u.login = :id", "id", criteria.id());
        sql.whereIn("u.login", "ids", criteria.ids());
        sql.where("u.name = :firstName", "firstName", criteria.firstName());
        sql.where("u.name LIKE :firstNameLike", "firstNameLike", criteria.firstNameLike());
        sql.where("u.email = :email", "email", criteria.email());
        sql.where("u.email LIKE :emailLike", "emailLike", criteria.emailLike());
        sql.where("u.login = :onlyLogin", "onlyLogin", criteria.onlyLogin());
        criteria.memberOf().ifPresent(group -> {
            if (group.accountId() == null) {
                sql.text.append(" AND EXISTS (SELECT 1 FROM account_membership m WHERE m.login = u.login"
                        + " AND m.settings_access = TRUE)");
            } else {
                sql.text.append(" AND EXISTS (SELECT 1 FROM account_membership m WHERE m.login = u.login"
                        + " AND m.account_id = :memberOfAccount AND m.settings_access = :memberAsAdmin)");
                sql.params.put("memberOfAccount", group.accountId());
                sql.params.put("memberAsAdmin", group.admins());
            }
        });
        return sql;
    }

    /**
     * The groups come from the memberships of one login where the question names a member (how a login's groups are
     * found at every login and request), else from the accounts named by the ids asked for, else from all accounts.
     */
    private Sql groupSql(GroupCriteria criteria, String columns) {
        String adminsOf = literal(AccountGroups.ADMINS_OF);
        String usersOf = literal(AccountGroups.USERS_OF);
        String allAdmins = "SELECT " + literal(AccountGroups.ALL_ACCOUNT_ADMINS) + " AS id, 'Account admins' AS name, "
                + literal(SHARED_GROUP_TYPE) + " AS type";
        String accountType = literal(ACCOUNT_GROUP_TYPE);
        Sql sql = new Sql("SELECT " + columns + " FROM (");
        if (criteria.member() != null) {
            sql.text.append("SELECT CASE WHEN m.settings_access THEN " + adminsOf + " ELSE " + usersOf + " END"
                    + " || m.account_id AS id, CASE WHEN m.settings_access THEN 'Admins of account '"
                    + " ELSE 'Users of account ' END || m.account_id AS name, " + accountType + " AS type"
                    + " FROM account_membership m WHERE m.login = :member UNION ALL " + allAdmins
                    + " FROM app_user u WHERE u.login = :member AND EXISTS (SELECT 1 FROM account_membership m"
                    + " WHERE m.login = :member AND m.settings_access = TRUE)");
            sql.params.put("member", criteria.member());
        } else if (criteria.accountIds() != null && criteria.accountIds().isEmpty()) {
            sql.text.append(allAdmins);
        } else {
            String accounts = criteria.accountIds() == null ? "" : " WHERE a.id IN (:accountIds)";
            sql.text.append("SELECT " + adminsOf + " || a.id AS id, 'Admins of account ' || a.id AS name, "
                    + accountType + " AS type FROM account a" + accounts
                    + " UNION ALL SELECT " + usersOf + " || a.id, 'Users of account ' || a.id, " + accountType
                    + " FROM account a" + accounts + " UNION ALL " + allAdmins);
            if (criteria.accountIds() != null) {
                sql.params.put("accountIds", criteria.accountIds());
            }
        }
        sql.text.append(") g WHERE 1 = 1");
        sql.where("g.id = :id", "id", criteria.id());
        sql.whereIn("g.id", "ids", criteria.ids());
        sql.where("g.name = :name", "name", criteria.name());
        sql.where("g.name LIKE :nameLike", "nameLike", criteria.nameLike());
        sql.where("g.type = :type", "type", criteria.type());
        sql.whereIn("g.id", "onlyIds", criteria.onlyIds());
        return sql;
    }

    /** Our own constants only: what callers send is always a parameter. */
    private static String literal(String constant) {
        return "'" + constant.replace("'", "''") + "'";
    }

    /** One statement being put together: its text and its named parameters. */
    private final class Sql {

        final StringBuilder text;
        final Map<String, Object> params = new HashMap<>();

        Sql(String start) {
            text = new StringBuilder(start);
        }

        void where(String condition, String name, Object value) {
            if (value != null) {
                text.append(" AND ").append(condition);
                params.put(name, value);
            }
        }

        void whereIn(String column, String name, List<String> values) {
            if (values != null) {
                text.append(" AND ")
                        .append(column)
                        .append(" IN (:")
                        .append(name)
                        .append(')');
                params.put(name, new ArrayList<>(values));
            }
        }

        JdbcClient.StatementSpec page(int offset, int limit) {
            text.append(" LIMIT :limit OFFSET :offset");
            params.put("limit", limit);
            params.put("offset", offset);
            return statement();
        }

        JdbcClient.StatementSpec statement() {
            return jdbc.sql(text.toString()).params(params);
        }
    }
}
