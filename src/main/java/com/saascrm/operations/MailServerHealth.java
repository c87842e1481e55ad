package com.saascrm.operations;

import jakarta.mail.MessagingException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether the SMTP server takes a connection. One that does not is {@link #DEGRADED}, not down: mail steps retry
 * and then become incidents, and a node that cannot send mail still serves the wizard and the API, so it stays in
 * service (the health groups order DEGRADED after UP; Spring Boot's own mail health would say DOWN). The server is
 * asked on a schedule and a probe reads the last answer: a mail server that takes the connection and then says
 * nothing would otherwise hold every readiness probe for the mail timeout, and the orchestrator would take the
 * node out after all.
 */
@Component("mailHealthIndicator")
class MailServerHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "The mail server does not take connections");

    private final JavaMailSenderImpl mailSender;
    private volatile Health last;

    MailServerHealth(JavaMailSenderImpl mailSender) {
        this.mailSender = mailSender;
        this.last = Health.unknown().withDetail("location", location()).build();
    }

    @Override
    public Health health() {
        return last;
    }

    @Scheduled(fixedDelayString = "${cancellation.mail.health-check-interval:PT30S}")
    void check() {
        Health.Builder health = Health.up().withDetail("location", location());
        try {
            mailSender.testConnection();
        } catch (MessagingException | RuntimeException unreachable) {
            health.status(DEGRADED).withDetail("error", unreachable.getClass().getSimpleName());
        }
        last = health.build();
    }

    private String location() {
        return mailSender.getHost() + ":" + mailSender.getPort();
    }
}
