package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ERASURE_HOLDER;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.ErasureHolder;
import com.saascrm.erasure.HolderConfirmations;
import com.saascrm.holders.HolderErasureCalls;
import com.saascrm.mail.PublicAddress;

/**
 * Asks one holder to delete the account's data. An asynchronous step with the purge's retry cycle: a holder that is
 * down or answers an error is asked again, with the same erasure id, and finally becomes an incident naming it.
 */
@Component("requestHolderErasure")
class RequestHolderErasureDelegate implements JavaDelegate {

    static final String CALLBACK_PATH = "/api/erasure-holders/{holder}/confirmations";

    private final ErasureHolders holders;
    private final HolderErasureCalls calls;
    private final HolderConfirmations confirmations;
    private final PublicAddress address;
    private final Clock clock;

    RequestHolderErasureDelegate(
            ErasureHolders holders,
            HolderErasureCalls calls,
            HolderConfirmations confirmations,
            PublicAddress address,
            Clock clock) {
        this.holders = holders;
        this.calls = calls;
        this.confirmations = confirmations;
        this.address = address;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ErasureHolder holder = holders.holder(ERASURE_HOLDER.get(execution));
        String accountId = accountOf(execution);
        confirmations.requested(accountId, holder.name(), clock.instant());
        calls.requestErasure(
                holder,
                accountId,
                ErasureHolders.erasureId(execution.getProcessInstanceId(), holder.name()),
                address.url() + CALLBACK_PATH.replace("{holder}", holder.name()));
    }
}
