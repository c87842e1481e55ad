package com.saascrm.security.identity;

import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/** Camunda's group query, with the one criterion it keeps to itself readable: the potential starters of a process. */
class DirectoryGroupQuery extends DbGroupQueryImpl {

    DirectoryGroupQuery(CommandExecutor commandExecutor) {
        super(commandExecutor);
    }

    DirectoryGroupQuery() {}

    String potentialStarterOf() {
        return procDefId;
    }
}
