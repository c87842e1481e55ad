package com.saascrm.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads the text and HTML parts of a received multipart mail. */
public final class Mails {

    private Mails() {}

    public static String text(Part mail) {
        return part(mail, "text/plain");
    }

    public static String html(Part mail) {
        return part(mail, "text/html");
    }

    /** The text of the attached file of that name; null when the mail has none. */
    public static String attachment(Part mail, String fileName) {
        try {
            if (fileName.equals(mail.getFileName())) {
                try (InputStream content = mail.getInputStream()) {
                    return new String(content.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (mail.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = attachment(multipart.getBodyPart(i), fileName);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    private static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = part(child, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }
}
