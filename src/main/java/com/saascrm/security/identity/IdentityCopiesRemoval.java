package com.saascrm.security.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Before Camunda read account identities from the domain, the application copied them into Camunda's identity
 * tables, with the default authorizations Camunda adds to each user and group. A database from then still holds
 * those copies (names, e-mail addresses, demo passwords), which would now shadow the domain's rows: they go at start,
 * in plain SQL because Camunda's identity service refuses to touch what it reads from the domain. Costs one
 * indexed pass when there is nothing left to remove.
 */
@Component
@Order(-10)
class IdentityCopiesRemoval implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityCopiesRemoval.class);
    private static final String COPIED_GROUPS =
            "SELECT ID_ FROM ACT_ID_GROUP WHERE TYPE_ = 'ACCOUNT' OR ID_ = 'account-admins'";
    private static final String COPIED_USERS = "SELECT ID_ FROM ACT_ID_USER WHERE ID_ IN (SELECT login FROM app_user)";

    private final JdbcClient jdbc;

    IdentityCopiesRemoval(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        int users = count(COPIED_USERS);
        int groups = count(COPIED_GROUPS);
        if (users == 0 && groups == 0) {
            return;
        }
        update("DELETE FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ IN (" + COPIED_USERS + ") OR GROUP_ID_ IN ("
                + COPIED_GROUPS + ")");
        update("DELETE FROM ACT_ID_TENANT_MEMBER WHERE USER_ID_ IN (" + COPIED_USERS + ") OR GROUP_ID_ IN ("
                + COPIED_GROUPS + ")");
        // Camunda's defaults: each user may read (once: everything on) itself, each group's members the group.
        update("DELETE FROM ACT_RU_AUTHORIZATION WHERE (RESOURCE_TYPE_ = 1 AND RESOURCE_ID_ IN (" + COPIED_USERS
                + ")) OR (RESOURCE_TYPE_ = 2 AND RESOURCE_ID_ IN (" + COPIED_GROUPS + "))");
        update("DELETE FROM ACT_ID_USER WHERE ID_ IN (SELECT login FROM app_user)");
        update("DELETE FROM ACT_ID_GROUP WHERE TYPE_ = 'ACCOUNT' OR ID_ = 'account-admins'");
        log.info(
                "Removed Camunda's copies of {} account users and {} account groups: read from the domain now",
                users,
                groups);
    }

    private int count(String select) {
        return jdbc.sql("SELECT COUNT(*) FROM (" + select + ") copies")
                .query(Integer.class)
                .single();
    }

    private void update(String statement) {
        jdbc.sql(statement).update();
    }
}
