package com.saascrm.erasure;

import java.time.Duration;

/** Published, inside its transaction, for each batch of CRM rows the purge deletes: progress for logs and probes. */
public record CrmBatchErased(String accountId, long rows, long rowsSoFar, Duration took) {}
