package com.saascrm.selfservice;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wizard's forms (bpmn/*.form) name each text as {@code "@key"}; a form is shown with the texts of one language
 * from {@code texts/forms*.properties}, so that the model and the forms hold no language and a new language is a new
 * file. A key that no file has stays as it is, where a test finds it.
 */
@Component
class FormTexts {

    private static final Pattern KEY = Pattern.compile("@[a-z][a-z_]*(\\.[A-Za-z_]+)+");

    private final ResourceBundleMessageSource texts = new ResourceBundleMessageSource();

    FormTexts() {
        texts.setBasename("texts/forms");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
    }

    /** The form with its texts in the language given as a tag; English where a language lacks a text. */
    JsonNode inLanguage(JsonNode form, String languageTag) {
        Locale locale = Locale.forLanguageTag(languageTag);
        return JsonTexts.map(
                form,
                text -> KEY.matcher(text).matches() ? texts.getMessage(text.substring(1), null, text, locale) : text);
    }
}
