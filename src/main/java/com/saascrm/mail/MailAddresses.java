package com.saascrm.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Whether a text someone typed is one mail address that the product can send to. */
public final class MailAddresses {

    private static final int MAX_LENGTH = 320;

    private MailAddresses() {}

    public static boolean isValid(String address) {
        if (address == null || address.length() > MAX_LENGTH || !address.contains("@")) {
            return false;
        }
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
