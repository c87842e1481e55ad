package com.saascrm.security.identity;

import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** Camunda's user query, with the one criterion it keeps to itself readable: the potential starters of a process. */
class DirectoryUserQuery extends DbUserQueryImpl {

    DirectoryUserQuery(CommandExecutor commandExecutor) {
        super(commandExecutor);
    }

    DirectoryUserQuery() {}

    String potentialStarterOf() {
        return procDefId;
    }
}
