package com.saascrm.account;

/**
 * Published, inside its transaction, when an admin's request to cancel has been checked: {@link Eligibility#ELIGIBLE}
 * opens the request, anything else refuses it. A refused start may be rolled back on purpose (the API keeps no
 * instance of it); it was refused all the same.
 */
public record CancellationRequestOpened(String accountId, Eligibility eligibility) {}
