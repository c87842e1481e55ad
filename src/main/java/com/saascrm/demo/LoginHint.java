package com.saascrm.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.saascrm.mail.MailSettings;

/** Tells the newcomer where to go once the application is up. */
@Component
@Profile("demo")
class LoginHint {

    private static final Logger log = LoggerFactory.getLogger(LoginHint.class);

    private final MailSettings mail;

    LoginHint(MailSettings mail) {
        this.mail = mail;
    }

    @EventListener
    void applicationReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            int port = web.getWebServer().getPort();
            log.info(
                    """

                    Ready. Camunda web apps (Tasklist, Cockpit, Admin): http://localhost:{}/camunda/app/
                      log in as alice / {} (admin of account acme), operations / {} (Cockpit), admin / {} (Admin)
                    engine-rest (HTTP Basic): http://localhost:{}/engine-rest/
                    Mail sent by the app: IMAP on localhost:{}, user and password = the recipient's address""",
                    port,
                    DemoData.PASSWORD,
                    DemoData.PASSWORD,
                    DemoData.PASSWORD,
                    port,
                    mail.embeddedServer().imapPort());
        }
    }
}
