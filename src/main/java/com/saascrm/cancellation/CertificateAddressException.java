package com.saascrm.cancellation;

/** An erasure asked for with an address for its certificate that is not one: nothing is changed. */
public class CertificateAddressException extends RuntimeException {

    CertificateAddressException() {
        super("certificateAddress is not an e-mail address; leave it out to send the certificate to the admins");
    }
}
