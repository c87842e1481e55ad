package com.saascrm.operations;

import jakarta.mail.MessagingException;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Whether the SMTP server takes a connection. One that does not is {@link #DEGRADED}, not down: mail steps retry
 * and then become incidents, and a node that cannot send mail still serves the wizard and the API, so it stays in
 * service (the health groups order DEGRADED after UP). Spring Boot's own mail health would say DOWN.
 */
@Component("mailHealthIndicator")
class MailServerHealth extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "The mail server does not take connections");

    private final JavaMailSenderImpl mailSender;

    MailServerHealth(JavaMailSenderImpl mailSender) {
        super("The mail server's health could not be read");
        this.mailSender = mailSender;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("location", mailSender.getHost() + ":" + mailSender.getPort());
        try {
            mailSender.testConnection();
            builder.up();
        } catch (MessagingException unreachable) {
            builder.status(DEGRADED).withDetail("error", unreachable.getClass().getSimpleName());
        }
    }
}
