package com.saascrm.texts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts a customer reads in the web apps and the mails beside their templates (task names, plans, why a start
 * was refused, moments), from {@code texts/customer*.properties}: one file per language, so a new language is a new
 * file.
 */
@Component
public class CustomerTexts {

    private final ResourceBundleMessageSource texts = new ResourceBundleMessageSource();

    CustomerTexts() {
        texts.setBasename("texts/customer");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
    }

    /**
     * A moment as part of a sentence, with its preposition ({@code until}, {@code before}, {@code on}): "until the end
     * of March 31, 2027", "til og med 31. mars 2027", "before March 31, 2027, 7:59 PM (America/New_York)". Empty for
     * no moment.
     */
    public String moment(String preposition, Instant instant, ZoneId zone, String languageTag) {
        if (instant == null) {
            return "";
        }
        Locale locale = Locale.forLanguageTag(languageTag == null ? "en" : languageTag);
        CustomerMoment moment = CustomerMoment.of(instant, zone);
        String day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(moment.day());
        if (moment.isEndOfDay()) {
            return get("moment." + preposition + ".end_of_day", languageTag, day);
        }
        String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .format(moment.time());
        return get("moment." + preposition + ".time", languageTag, day, time, zone.getId());
    }

    /** The day of a moment: the day whose end it is, or the day it is on in the zone. Empty for no moment. */
    public String dayOf(Instant instant, ZoneId zone, String languageTag) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(languageTag == null ? "en" : languageTag))
                .format(CustomerMoment.of(instant, zone).day());
    }

    /** The text in that language where a file has it, else {@code otherwise} (the catalogue's own English, say). */
    public String getOrDefault(String key, String languageTag, String otherwise) {
        return texts.getMessage(key, null, otherwise, Locale.forLanguageTag(languageTag == null ? "en" : languageTag));
    }

    /** The text in the language given as a tag ({@code en}, {@code nb}); English where a language has no file. */
    public String get(String key, String languageTag, Object... arguments) {
        return texts.getMessage(key, arguments, Locale.forLanguageTag(languageTag == null ? "en" : languageTag));
    }
}
