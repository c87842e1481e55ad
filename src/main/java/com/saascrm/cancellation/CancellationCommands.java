package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.PROCESS_KEY;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.saascrm.account.AccountLifecycle;
import com.saascrm.account.CancellationRequests;
import com.saascrm.account.CancellationRequests.CancellationRequest;
import com.saascrm.account.Eligibility;
import com.saascrm.cancellation.AccountCancellationProcess.Messages;
import com.saascrm.cancellation.AccountCancellationProcess.RequestChannel;
import com.saascrm.cancellation.AccountCancellationProcess.Variables;
import com.saascrm.erasure.ErasureRequests;
import com.saascrm.erasure.ErasureRequests.ErasureRequest;
import com.saascrm.erasure.ErasureSettings;
import com.saascrm.mail.MailAddresses;

/**
 * What other systems may ask of a cancellation, as commands to the process: the same model and the same rules as
 * Tasklist. Callers have checked who may do what; the process checks what is possible now.
 */
@Service
public class CancellationCommands {

    private static final Logger log = LoggerFactory.getLogger(CancellationCommands.class);
    private static final int MAX_ATTEMPTS = 3;

    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final AccountLifecycle lifecycle;
    private final CancellationRequests requests;
    private final TransactionTemplate transaction;
    private final CancellationStatusQuery statusQuery;
    private final ErasureRequests erasureRequests;
    private final ErasureSettings erasureSettings;
    private final Clock clock;

    CancellationCommands(
            RuntimeService runtimeService,
            IdentityService identityService,
            AccountLifecycle lifecycle,
            CancellationRequests requests,
            TransactionTemplate transaction,
            CancellationStatusQuery statusQuery,
            ErasureRequests erasureRequests,
            ErasureSettings erasureSettings,
            Clock clock) {
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.lifecycle = lifecycle;
        this.requests = requests;
        this.transaction = transaction;
        this.statusQuery = statusQuery;
        this.erasureRequests = erasureRequests;
        this.erasureSettings = erasureSettings;
        this.clock = clock;
    }

    /**
     * Starts a cancellation as {@code login}, who becomes the initiator. The process checks eligibility, once, in
     * the account's turn (two starts cannot both pass); a start it refuses is rolled back, so a refused call leaves
     * no process instance, and the refusal's reason comes from the variables the start returns. Answers the new
     * instance's id.
     */
    public String start(String accountId, String login, List<String> groups, RequestChannel channel) {
        ProcessInstanceWithVariables started = transaction.execute(status -> {
            ProcessInstanceWithVariables instance = startAs(accountId, login, groups, channel);
            if (instance.isEnded()) {
                status.setRollbackOnly();
            }
            return instance;
        });
        if (started.isEnded()) {
            throw refused(
                    accountId,
                    Variables.ELIGIBILITY
                            .in(started.getVariables())
                            .map(Eligibility::valueOf)
                            .orElseThrow(() ->
                                    new IllegalStateException("A refused start of " + accountId + " says no reason")));
        }
        return started.getId();
    }

    /** Leaves the wizard: the request is abandoned and nothing changes. */
    public void abandon(String accountId) {
        correlate(Messages.ABANDON_REQUESTED, accountId, "is not in the wizard");
    }

    /** Takes the cancellation back before access ends. */
    public void withdraw(String accountId) {
        correlate(
                Messages.WITHDRAWAL_REQUESTED,
                accountId,
                "cannot be withdrawn now: only between the cancellation and the end of access");
    }

    /** Opens a locked account again before it is deleted. */
    public void reopen(String accountId) {
        correlate(
                Messages.REOPENING_REQUESTED,
                accountId,
                "cannot be reopened now: only while it is locked, before deletion");
    }

    /** Ends a pause before its date: billing resumes now. */
    public void resume(String accountId) {
        correlate(
                Messages.BILLING_RESUME_REQUESTED,
                accountId,
                "has no pause to end: only while billing is paused by an accepted offer");
    }

    /**
     * Asks for the account's erasure now, after its cancellation (in the access or the locked period): it is erased
     * when the cooling-off ends, unless the request is withdrawn first. It cannot be undone, so the caller types the
     * account id as confirmation; a confirmation that does not match changes nothing.
     *
     * @param supportLogin       the support login that asks for an admin; none when an admin of the account asks
     * @param certificateAddress where to mail the erasure certificate instead of to the admins; none: to them
     * @return when the account will be erased
     */
    public Instant requestErasure(
            String accountId, String typedConfirmation, String supportLogin, String certificateAddress) {
        if (!accountId.equals(typedConfirmation)) {
            throw new ErasureConfirmationException(accountId);
        }
        if (certificateAddress != null && !MailAddresses.isValid(certificateAddress)) {
            throw new CertificateAddressException();
        }
        Instant now = clock.instant();
        Instant due = now.plus(erasureSettings.coolingOff());
        String refusal = transaction.execute(status -> {
            lifecycle.takeTurn(accountId);
            if (!erasureRequests.open(new ErasureRequest(accountId, now, due, supportLogin, certificateAddress))) {
                return "has been asked for already; it is due at "
                        + erasureRequests.find(accountId).orElseThrow().eraseAt();
            }
            boolean correlated = !runtimeService
                    .createMessageCorrelation(Messages.DELETION_REQUESTED)
                    .processInstanceBusinessKey(accountId)
                    .setVariable(Variables.ERASURE_DUE_AT.name(), Variables.ERASURE_DUE_AT.stored(due))
                    .correlateAllWithResult()
                    .isEmpty();
            if (!correlated) {
                status.setRollbackOnly();
                return "can be asked for only after the cancellation, before the deletion" + nowStanding(accountId);
            }
            return null;
        });
        if (refusal != null) {
            throw new CancellationStateException("The erasure of account '" + accountId + "' " + refusal);
        }
        return due;
    }

    /** {@link #requestErasure(String, String, String, String)} with the certificate mailed to the admins. */
    public Instant requestErasure(String accountId, String typedConfirmation, String supportLogin) {
        return requestErasure(accountId, typedConfirmation, supportLogin, null);
    }

    /** Takes back a request to erase the account now, during its cooling-off. */
    public void withdrawErasureRequest(String accountId) {
        boolean withdrawn = Boolean.TRUE.equals(transaction.execute(status -> {
            lifecycle.takeTurn(accountId);
            if (!erasureRequests.withdraw(accountId)) {
                return false;
            }
            if (runtimeService
                    .createMessageCorrelation(Messages.DELETION_REQUEST_WITHDRAWN)
                    .processInstanceBusinessKey(accountId)
                    .correlateAllWithResult()
                    .isEmpty()) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        }));
        if (!withdrawn) {
            throw new CancellationStateException("The account '" + accountId
                    + "' has no erasure request to withdraw: only during its cooling-off" + nowStanding(accountId));
        }
    }

    /** Sends the cancellation confirmation again; the process records each resend as a step of its own. */
    public void resendConfirmation(String accountId) {
        correlate(
                Messages.CONFIRMATION_RESEND_REQUESTED,
                accountId,
                "has no confirmation to resend: only after the cancellation, before deletion");
    }

    private ProcessInstanceWithVariables startAs(
            String accountId, String login, List<String> groups, RequestChannel channel) {
        identityService.setAuthentication(login, groups);
        try {
            return runtimeService
                    .createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(accountId)
                    .setVariable(Variables.REQUEST_CHANNEL.name(), Variables.REQUEST_CHANNEL.stored(channel.name()))
                    .executeWithVariablesInReturn();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private CancellationRefusedException refused(String accountId, Eligibility reason) {
        String running = reason == Eligibility.ALREADY_CANCELLING
                ? requests.find(accountId).map(CancellationRequest::requestId).orElse(null)
                : null;
        return new CancellationRefusedException(accountId, reason, running);
    }

    /**
     * Correlates by business key. Two callers may act on one account at the same moment (two admins abandoning, a
     * billing page and support): the one that comes second gets the answer it would have got a moment later, not
     * the engine's conflict. A conflict the engine detects rolls the whole correlation back, so it is tried again
     * on the new state; what no longer waits for the message is a 409 that says where the cancellation now stands.
     */
    private void correlate(String message, String accountId, String whyNot) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (correlatedNothing(message, accountId)) {
                    throw new CancellationStateException(
                            "The cancellation of account '" + accountId + "' " + whyNot + nowStanding(accountId));
                }
                return;
            } catch (OptimisticLockingException | NullValueException concurrentChange) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new CancellationStateException(
                            "The cancellation of account '" + accountId + "' is changing at this moment; ask again");
                }
                log.info("{} for account {} met a concurrent change, trying again", message, accountId);
            }
        }
    }

    /** In the account's turn; correlateAll answers "nothing waits for it" with an empty list, not an engine error. */
    private boolean correlatedNothing(String message, String accountId) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            lifecycle.takeTurn(accountId);
            return runtimeService
                    .createMessageCorrelation(message)
                    .processInstanceBusinessKey(accountId)
                    .correlateAllWithResult()
                    .isEmpty();
        }));
    }

    private String nowStanding(String accountId) {
        return statusQuery
                .of(accountId)
                .map(status -> status.status() == CancellationStatus.State.ABANDONED
                        ? "; it has already been abandoned"
                        : "; it is now " + status.status())
                .orElse("; there is none");
    }
}
