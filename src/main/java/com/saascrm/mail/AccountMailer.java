package com.saascrm.mail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

import com.saascrm.account.Account;
import com.saascrm.account.AccountUser;
import com.saascrm.account.Accounts;
import com.saascrm.erasure.ErasureCertificate;
import com.saascrm.mail.MailTemplates.RenderedMail;
import com.saascrm.portability.ExportLinks;
import com.saascrm.texts.CustomerTexts;

/**
 * Sends the mails of a cancellation to the account's admins: the requesting admin in To, the others in Cc.
 * Addresses are read from the domain when the mail goes out and never pass through the process. Each mail has a
 * text and an HTML part in the account's language, with dates in the account's time zone.
 */
@Service
public class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

    private final JavaMailSender mailSender;
    private final Accounts accounts;
    private final MailSettings settings;
    private final MailTemplates templates;
    private final PublicAddress address;
    private final ExportLinks exportLinks;
    private final CustomerTexts texts;
    private final ApplicationEventPublisher events;

    AccountMailer(
            JavaMailSender mailSender,
            Accounts accounts,
            MailSettings settings,
            MailTemplates templates,
            PublicAddress address,
            ExportLinks exportLinks,
            CustomerTexts texts,
            ApplicationEventPublisher events) {
        this.mailSender = mailSender;
        this.accounts = accounts;
        this.settings = settings;
        this.templates = templates;
        this.address = address;
        this.exportLinks = exportLinks;
        this.texts = texts;
        this.events = events;
    }

    /**
     * @param messageKey makes the Message-ID: the same key gives the same id, so a send that is repeated after a
     *                   crash shows up as the same message in the recipient's mailbox
     * @throws MailDeliveryException when the SMTP server does not take the mail
     */
    public void send(MailType type, String accountId, String requestedBy, MailDates dates, String messageKey) {
        Account account = accounts.get(accountId);
        List<AccountUser> admins = adminsToSend(type, accountId);
        Locale locale = Locale.forLanguageTag(account.locale());
        RenderedMail mail = templates.render(
                type,
                locale,
                facts(account, dates, locale),
                account.companyName(),
                texts.dayOf(dates.deletionDueAt(), account.timeZone(), account.locale()),
                texts.dayOf(dates.pauseEndsAt(), account.timeZone(), account.locale()));
        deliver(type, accountId, mail, messageKey, helper -> {
            Optional<AccountUser> requester = admins.stream()
                    .filter(admin -> admin.login().equals(requestedBy))
                    .findFirst();
            helper.setTo(addresses(requester.map(List::of).orElse(admins)));
            if (requester.isPresent()) {
                helper.setCc(addresses(admins.stream()
                        .filter(admin -> admin != requester.get())
                        .toList()));
            }
            if (type == MailType.SUPPORT_CALL_CONFIRMATION) {
                helper.setBcc(settings.supportAddress());
            }
        });
        log.info("Sent {} for account {} to {} admin(s)", type, accountId, admins.size());
    }

    /**
     * The erasure certificate, its JSON text attached (the SHA-256 in the mail is of exactly that text): to the
     * address given for it in the request, or else to every admin, before their own addresses are erased with the
     * account.
     *
     * @param certificateAddress where to send it instead of to the admins; none: to them
     * @throws MailDeliveryException when the SMTP server does not take the mail
     */
    public void sendCertificate(
            String accountId, ErasureCertificate.Issued issued, String certificateAddress, String messageKey) {
        MailType type = MailType.ERASURE_CERTIFICATE;
        Account account = accounts.get(accountId);
        String[] to = certificateAddress != null
                ? new String[] {certificateAddress}
                : addresses(adminsToSend(type, accountId));
        Locale locale = Locale.forLanguageTag(account.locale());
        RenderedMail mail =
                templates.render(type, locale, certificateFacts(account, issued), account.companyName(), account.id());
        deliver(type, accountId, mail, messageKey, helper -> {
            helper.setTo(to);
            helper.addAttachment(
                    "erasure-certificate-" + accountId + ".json",
                    new ByteArrayResource(issued.text().getBytes(StandardCharsets.UTF_8)),
                    "application/json");
        });
        log.info(
                "Sent {} for account {} to {}",
                type,
                accountId,
                certificateAddress != null ? "the address asked for" : "its admins");
    }

    private Map<String, Object> certificateFacts(Account account, ErasureCertificate.Issued issued) {
        ErasureCertificate certificate = issued.certificate();
        Map<String, Object> facts = new HashMap<>();
        facts.put("company", account.companyName());
        facts.put("accountId", account.id());
        facts.put("onRequest", certificate.grounds() == ErasureCertificate.Grounds.REQUEST);
        facts.put("requestedAt", texts.moment("on", certificate.requestedAt(), account.timeZone(), account.locale()));
        facts.put("completedAt", texts.moment("on", certificate.completedAt(), account.timeZone(), account.locale()));
        facts.put(
                "holders",
                certificate.holders().stream()
                        .map(holder -> Map.of(
                                "name", holder.holder(),
                                "deleted",
                                        holder.deleted().entrySet().stream()
                                                .map(kind -> kind.getKey() + " " + kind.getValue())
                                                .collect(Collectors.joining(", ")),
                                "at", texts.moment("on", holder.confirmedAt(), account.timeZone(), account.locale())))
                        .toList());
        facts.put("sha256", issued.sha256());
        facts.put("support", settings.supportAddress());
        return facts;
    }

    private List<AccountUser> adminsToSend(MailType type, String accountId) {
        List<AccountUser> admins = accounts.adminsOf(accountId);
        if (admins.isEmpty()) {
            events.publishEvent(new MailAttempt(type, false));
            throw new MailPreparationException("Account " + accountId + " has no admin to send " + type + " to");
        }
        return admins;
    }

    /** What a mail adds to the message every mail has: its recipients, and any attachment. */
    @FunctionalInterface
    private interface Addressing {
        void apply(MimeMessageHelper message) throws MessagingException;
    }

    /** Sends the rendered mail with its stable Message-ID, and counts the attempt. */
    private void deliver(MailType type, String accountId, RenderedMail mail, String messageKey, Addressing addressing) {
        try {
            mailSender.send(message(mail, messageKey, addressing));
        } catch (MailException e) {
            events.publishEvent(new MailAttempt(type, false));
            throw new MailDeliveryException(type, accountId, e);
        }
        events.publishEvent(new MailAttempt(type, true));
    }

    private MimeMessage message(RenderedMail mail, String messageKey, Addressing addressing) {
        try {
            MimeMessage message = mailSender.createMimeMessage();
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(settings.from());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            addressing.apply(helper);
            // JavaMailSenderImpl keeps a Message-ID that is set before sending.
            message.setHeader("Message-ID", "<" + messageKey + "@" + settings.messageIdDomain() + ">");
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not prepare a mail", e);
        }
    }

    private Map<String, Object> facts(Account account, MailDates dates, Locale locale) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("company", account.companyName());
        facts.put("accountId", account.id());
        facts.put("accessUntil", texts.moment("until", dates.accessEndsAt(), account.timeZone(), account.locale()));
        facts.put("withdrawBefore", texts.moment("before", dates.accessEndsAt(), account.timeZone(), account.locale()));
        facts.put("deletedAt", texts.moment("on", dates.deletionDueAt(), account.timeZone(), account.locale()));
        facts.put("deletionDate", texts.dayOf(dates.deletionDueAt(), account.timeZone(), account.locale()));
        facts.put("resumesAt", texts.moment("on", dates.pauseEndsAt(), account.timeZone(), account.locale()));
        facts.put("resumesDate", texts.dayOf(dates.pauseEndsAt(), account.timeZone(), account.locale()));
        facts.put("support", settings.supportAddress());
        facts.put("exportUrl", address.url() + exportLinks.pathFor(account.id()));
        return facts;
    }

    private static String[] addresses(List<AccountUser> users) {
        return users.stream().map(AccountUser::email).toArray(String[]::new);
    }
}
