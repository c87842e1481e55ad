package com.saascrm.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

import com.saascrm.account.Account;
import com.saascrm.account.AccountUser;
import com.saascrm.account.Accounts;

/**
 * Sends the mails of a cancellation to the account's admins: the requesting admin in To, the others in Cc.
 * Addresses are read from the domain when the mail goes out and never pass through the process.
 */
@Service
public class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

    private final JavaMailSender mailSender;
    private final Accounts accounts;
    private final MailSettings properties;
    private final MessageSource templates;

    AccountMailer(JavaMailSender mailSender, Accounts accounts, MailSettings properties) {
        this.mailSender = mailSender;
        this.accounts = accounts;
        this.properties = properties;
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("mail/messages");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        this.templates = bundle;
    }

    /**
     * @param messageKey makes the Message-ID: the same key gives the same id, so a send that is repeated after a
     *                   crash shows up as the same message in the recipient's mailbox
     */
    public void send(MailType type, String accountId, String requestedBy, MailDates dates, String messageKey) {
        Account account = accounts.get(accountId);
        List<AccountUser> admins = accounts.adminsOf(accountId);
        if (admins.isEmpty()) {
            throw new MailPreparationException("Account " + accountId + " has no admin to send " + type + " to");
        }
        Locale locale = Locale.forLanguageTag(account.locale());
        Object[] facts = {account.companyName(), account.id(), date(dates.accessEndsAt(), locale),
                date(dates.deletionDueAt(), locale), properties.supportAddress()};
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, "UTF-8");
            mail.setFrom(properties.from());
            Optional<AccountUser> requester = admins.stream().filter(admin -> admin.login().equals(requestedBy)).findFirst();
            mail.setTo(addresses(requester.map(List::of).orElse(admins)));
            if (requester.isPresent()) {
                mail.setCc(addresses(admins.stream().filter(admin -> admin != requester.get()).toList()));
            }
            mail.setSubject(templates.getMessage(type.messageKey("subject"), facts, locale));
            mail.setText(templates.getMessage(type.messageKey("body"), facts, locale));
            // JavaMailSenderImpl keeps a Message-ID that is set before sending.
            message.setHeader("Message-ID", "<" + messageKey + "@" + properties.messageIdDomain() + ">");
            mailSender.send(message);
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not prepare " + type + " for account " + accountId, e);
        }
        log.info("Sent {} for account {} to {} admin(s)", type, accountId, admins.size());
    }

    private static String[] addresses(List<AccountUser> users) {
        return users.stream().map(AccountUser::email).toArray(String[]::new);
    }

    private static String date(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(instant.atOffset(ZoneOffset.UTC));
    }
}
