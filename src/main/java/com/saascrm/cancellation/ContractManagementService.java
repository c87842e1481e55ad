package com.saascrm.cancellation;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.management.MetricsQuery;

/**
 * The engine's management service without its metrics for anyone but Camunda admins: the counts of activity
 * instances say how many customers are cancelling, which is nothing for one customer to read.
 */
class ContractManagementService extends ManagementServiceImpl {

    private static final String READ_METRICS = "read the engine's metrics";

    ContractManagementService(ProcessEngineConfiguration configuration) {
        super(configuration);
    }

    @Override
    public MetricsQuery createMetricsQuery() {
        EngineCaller.of(commandExecutor).requirePrivileged(READ_METRICS);
        return super.createMetricsQuery();
    }

    @Override
    public long getUniqueTaskWorkerCount(Date startTime, Date endTime) {
        EngineCaller.of(commandExecutor).requirePrivileged(READ_METRICS);
        return super.getUniqueTaskWorkerCount(startTime, endTime);
    }
}
