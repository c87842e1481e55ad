package com.saascrm.account;

import com.saascrm.statistics.CancellationOutcome;

/** Published, inside its transaction, when an account's cancellation request ends with its outcome. */
public record CancellationRequestClosed(String accountId, CancellationOutcome outcome) {}
