package com.saascrm.cancellation;

import java.util.Set;

/** The small process with which an erasure is asked for in Tasklist ({@code bpmn/account-erasure-request.bpmn}). */
public final class ErasureRequestProcess {

    public static final String PROCESS_KEY = "account-erasure-request";

    /** The start form's fields. */
    public static final String ACCOUNT_ID = "accountId";

    public static final String CONFIRMATION = "erasureConfirmation";
    public static final String CERTIFICATE_ADDRESS = "certificateAddress";

    /** Passed on at once and never kept: not at runtime, not in the history. */
    static final Set<String> NEVER_KEPT = Set.of(CONFIRMATION, CERTIFICATE_ADDRESS);

    private ErasureRequestProcess() {}
}
