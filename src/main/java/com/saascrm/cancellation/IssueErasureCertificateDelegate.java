package com.saascrm.cancellation;

import static com.saascrm.cancellation.AccountCancellationProcess.accountOf;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.saascrm.erasure.ErasureCertificates;

/** Every holder has confirmed: the certificate is issued and stored with the erasure record. */
@Component("issueErasureCertificate")
class IssueErasureCertificateDelegate implements JavaDelegate {

    private final ErasureCertificates certificates;

    IssueErasureCertificateDelegate(ErasureCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        certificates.issue(accountOf(execution));
    }
}
