package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.Variables.ACCESS_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.DELETION_DUE_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.MAIL_TYPE;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.PAUSE_ENDS_AT;
import static com.saascrm.cancellation.AccountCancellationProcess.Variables.REQUESTED_BY;
import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.HistoryService;
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
    private final HistoryService historyService;

    SendAccountMailDelegate(AccountMailer mailer, HistoryService historyService) {
        this.mailer = mailer;
        this.historyService = historyService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailType type = MailType.valueOf(MAIL_TYPE.get(execution));
        MailDates dates = new MailDates(
                ACCESS_ENDS_AT.find(execution).orElse(null),
                DELETION_DUE_AT.find(execution).orElse(null),
                PAUSE_ENDS_AT.find(execution).orElse(null));
        mailer.send(
                type, accountOf(execution), REQUESTED_BY.find(execution).orElse(null), dates, messageKey(execution));
    }

    /**
     * The same for every try of one send, so that a send repeated after a crash keeps its Message-ID, and new for
     * each resend: the instance, the step and how many times that step has completed before. (Execution and
     * activity instance ids change between tries and cannot serve.)
     */
    private String messageKey(DelegateExecution execution) {
        long completedBefore = historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .activityId(execution.getCurrentActivityId())
                .finished()
                .count();
        return execution.getProcessInstanceId() + "." + execution.getCurrentActivityId() + "." + (completedBefore + 1);
    }
}
