package com.saascrm.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicAddressTest {

    @Test
    void theConfiguredAddressWinsWithoutItsTrailingSlash() {
        assertThat(new PublicAddress(settings("https://crm.example/")).url()).isEqualTo("https://crm.example");
    }

    @Test
    void withoutOneItIsThisMachineUntilThePortIsKnown() {
        assertThat(new PublicAddress(settings(" ")).url()).isEqualTo("http://localhost:8080");
    }

    private static MailSettings settings(String appUrl) {
        return new MailSettings("from@x.example", "support@x.example", "x.example", appUrl, null);
    }
}
