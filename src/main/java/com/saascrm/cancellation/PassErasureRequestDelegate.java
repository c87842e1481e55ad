package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.saascrm.account.Accounts;
import com.saascrm.security.AccountGroups;
import com.saascrm.texts.CustomerTexts;

/**
 * Passes an erasure asked for in Tasklist to the account's cancellation, as the API does: only an admin of that
 * account or support may; the command checks the typed confirmation and the address, as it does for the API. Everything in the form is untrusted: a refusal is an error
 * of the start form, in the requester's language, so Tasklist shows it and nothing is started. The typed confirmation
 * and the certificate's address leave the process at once; the history filter never records them.
 */
@Component("passErasureRequest")
class PassErasureRequestDelegate implements JavaDelegate {

    private final CancellationCommands commands;
    private final Accounts accounts;
    private final IdentityService identityService;
    private final CustomerTexts texts;

    PassErasureRequestDelegate(
            CancellationCommands commands, Accounts accounts, IdentityService identityService, CustomerTexts texts) {
        this.commands = commands;
        this.accounts = accounts;
        this.identityService = identityService;
        this.texts = texts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String login = REQUESTED_BY.find(execution).orElse(null);
        String accountId = text(execution, ErasureRequestProcess.ACCOUNT_ID);
        String confirmation = text(execution, ErasureRequestProcess.CONFIRMATION);
        String address = text(execution, ErasureRequestProcess.CERTIFICATE_ADDRESS);
        execution.removeVariables(ErasureRequestProcess.NEVER_KEPT);
        String language = login == null ? "en" : accounts.languageOf(login).orElse("en");

        boolean support = login != null
                && identityService
                                .createGroupQuery()
                                .groupMember(login)
                                .groupId(AccountGroups.SUPPORT)
                                .count()
                        > 0;
        if (!support && (login == null || accountId == null || !accounts.isAdmin(accountId, login))) {
            throw refusal("NOT_ACCOUNT_ADMIN", language, accountId);
        }
        if (accounts.find(accountId).isEmpty()) {
            throw refusal("UNKNOWN_ACCOUNT", language, accountId);
        }
        execution.setProcessBusinessKey(accountId);
        try {
            asTheApplication(() -> commands.requestErasure(accountId, confirmation, support ? login : null, address));
        } catch (ErasureConfirmationException e) {
            throw refusal("CONFIRMATION", language, accountId);
        } catch (CertificateAddressException e) {
            throw refusal("ADDRESS", language, accountId);
        } catch (CancellationStateException e) {
            throw refusal("NOT_NOW", language, accountId);
        }
    }

    /**
     * The request is checked above for this user; the cancellation it goes to is not the user's to see, so the
     * message is passed as the application, as the API passes it.
     */
    private <T> T asTheApplication(Supplier<T> command) {
        Authentication user = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return command.get();
        } finally {
            if (user != null) {
                identityService.setAuthentication(user);
            }
        }
    }

    private FormFieldValidationException refusal(String reason, String language, String accountId) {
        return new FormFieldValidationException(
                reason, texts.get("erasure_refused." + reason, language, accountId == null ? "" : accountId));
    }

    private static String text(DelegateExecution execution, String name) {
        return execution.getVariable(name) instanceof String value && !value.isBlank() ? value.trim() : null;
    }
}
