package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCOUNT_ID;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.MAIL_TYPE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.mail.AccountMailer;
import com.saascrm.mail.MailDates;
import com.saascrm.mail.MailType;

/**
 * Every mail step of the model: its {@code mailType} input parameter says which mail. The steps are asynchronous,
 * so a failing SMTP server makes the job retry and finally an incident, without undoing what came before.
 */
@Component("sendAccountMail")
class SendAccountMailDelegate implements JavaDelegate {

    private final AccountMailer mailer;

    SendAccountMailDelegate(AccountMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailType type = MailType.valueOf(MAIL_TYPE.get(execution));
        MailDates dates = new MailDates(ACCESS_ENDS_AT.find(execution).orElse(null),
                DELETION_DUE_AT.find(execution).orElse(null));
        // The execution of an asynchronous step keeps its id across retries: the same mail keeps its Message-ID.
        String messageKey = execution.getProcessInstanceId() + "." + execution.getCurrentActivityId() + "." + execution.getId();
        mailer.send(type, ACCOUNT_ID.get(execution), REQUESTED_BY.find(execution).orElse(null), dates, messageKey);
    }
}
