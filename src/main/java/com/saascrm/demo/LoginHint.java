package com.saascrm.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.saascrm.mail.MailSettings;
import com.saascrm.mail.PublicAddress;

/** Tells the newcomer where to go once the application is up. */
@Component
@Profile("demo")
class LoginHint {

    private static final Logger log = LoggerFactory.getLogger(LoginHint.class);

    private final MailSettings mail;
    private final PublicAddress address;

    LoginHint(MailSettings mail, PublicAddress address) {
        this.mail = mail;
        this.address = address;
    }

    @EventListener
    void applicationReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext) {
            log.info(
                    """

                    Ready. Camunda web apps (Tasklist, Cockpit, Admin): {}/camunda/app/
                      log in as alice / {} (admin of account acme), operations / {} (Cockpit), admin / {} (Admin)
                    engine-rest (HTTP Basic): {}/engine-rest/
                    Mail sent by the app: IMAP on localhost:{}, user and password = the recipient's address""",
                    address.url(),
                    DemoData.PASSWORD,
                    DemoData.PASSWORD,
                    DemoData.PASSWORD,
                    address.url(),
                    mail.embeddedServer().imapPort());
        }
    }
}
