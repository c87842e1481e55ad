package com.saascrm.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The default profile's own mail server: SMTP on {@code spring.mail.port} for the application to send to, IMAP
 * for a person to read what was sent (log in with the recipient's address as user name and password). Both
 * listen on the loopback address only.
 */
@Configuration
@ConditionalOnProperty(name = "cancellation.mail.embedded-server.enabled", havingValue = "true")
class EmbeddedMailServerConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServerConfig.class);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail embeddedMailServer(MailProperties springMail, MailSettings mail) {
        ServerSetup smtp = new ServerSetup(springMail.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(mail.embeddedServer().imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        log.info(
                "Embedded mail server: SMTP on 127.0.0.1:{}, read the mail over IMAP on 127.0.0.1:{}",
                springMail.getPort(),
                mail.embeddedServer().imapPort());
        return new GreenMail(new ServerSetup[] {smtp, imap});
    }
}
