package com.saascrm.api;

class NoErasureCertificateException extends RuntimeException {

    NoErasureCertificateException(String accountId) {
        super("Account '" + accountId + "' has no erasure certificate: none was issued, or not yet");
    }
}
