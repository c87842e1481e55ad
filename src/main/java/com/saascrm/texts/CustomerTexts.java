package com.saascrm.texts;

import java.util.Locale;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts a customer reads in the web apps beside the forms (task names, group names, why a start was refused),
 * from {@code texts/customer*.properties}: one file per language, so a new language is a new file.
 */
@Component
public class CustomerTexts {

    private final ResourceBundleMessageSource texts = new ResourceBundleMessageSource();

    CustomerTexts() {
        texts.setBasename("texts/customer");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
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
