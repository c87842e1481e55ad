package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.ErasureCertificates;
import com.saascrm.erasure.ErasureRequests;
import com.saascrm.erasure.ErasureRequests.ErasureRequest;
import com.saascrm.mail.AccountMailer;

/**
 * Mails the certificate, before the account's own record and its admins' addresses go. An address given for it in
 * the request is forgotten once the mail is sent: from then on it is only in that mail.
 */
@Component("sendErasureCertificate")
class SendErasureCertificateDelegate implements JavaDelegate {

    private final ErasureCertificates certificates;
    private final ErasureRequests requests;
    private final AccountMailer mailer;

    SendErasureCertificateDelegate(ErasureCertificates certificates, ErasureRequests requests, AccountMailer mailer) {
        this.certificates = certificates;
        this.requests = requests;
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = accountOf(execution);
        String address =
                requests.find(accountId).map(ErasureRequest::certificateAddress).orElse(null);
        mailer.sendCertificate(
                accountId,
                certificates.find(accountId).orElseThrow(),
                address,
                execution.getProcessInstanceId() + ".erasure-certificate");
        requests.forgetCertificateAddress(accountId);
    }
}
