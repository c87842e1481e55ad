package com.saascrm.mail;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The application's address as its users reach it, for the links in mails: {@code cancellation.mail.app-url}, or,
 * where that is not set (the demo, a developer's machine), this machine and the port the application listens on.
 */
@Component
public class PublicAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile String local = "http://localhost:8080";

    PublicAddress(MailSettings settings) {
        String url = settings.appUrl();
        this.configured = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The management server, where it runs apart, has a namespace of its own; links go to the application.
        if (event.getApplicationContext().getServerNamespace() == null) {
            local = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /** Without a trailing slash: {@code https://crm.example}. */
    public String url() {
        return configured != null ? configured : local;
    }
}
