package com.saascrm.selfservice;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.saascrm.texts.CustomerTexts;

/**
 * Names that the engine keeps in one language, English, because they are data shared by all accounts: the process's
 * name, the task filter's, the account groups' ({@code webapp.*} in {@code texts/customer*.properties}). In what the
 * web apps read from the engine, each is shown to a customer in the account's language instead.
 */
@Component
class EngineNames {

    private static final List<String> KEYS = List.of(
            "webapp.process",
            "webapp.erasure_process",
            "webapp.filter",
            "webapp.group.admins",
            "webapp.group.users",
            "webapp.group.all_admins");

    /** Stands for the account id while an English name is turned into the pattern that finds it. */
    private static final String ACCOUNT_ID = "\u0000";

    private final CustomerTexts texts;
    private final Map<String, Pattern> english;

    EngineNames(CustomerTexts texts) {
        this.texts = texts;
        this.english = KEYS.stream()
                .collect(Collectors.toUnmodifiableMap(key -> key, key -> patternOf(texts.get(key, "en", ACCOUNT_ID))));
    }

    private static Pattern patternOf(String name) {
        String[] parts = name.split(ACCOUNT_ID, -1);
        StringBuilder pattern = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            pattern.append("([a-z0-9][a-z0-9-]*)").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(pattern.toString());
    }

    /** The name in the language given as a tag, if the text is one of these names; else the text as it is. */
    String inLanguage(String text, String languageTag) {
        for (Map.Entry<String, Pattern> name : english.entrySet()) {
            Matcher found = name.getValue().matcher(text);
            if (found.matches()) {
                Object[] accountId = found.groupCount() == 0 ? new Object[0] : new Object[] {found.group(1)};
                return texts.get(name.getKey(), languageTag, accountId);
            }
        }
        return text;
    }

    /** Every such name in an answer of the engine, in the language given as a tag. */
    JsonNode inLanguage(JsonNode answer, String languageTag) {
        return JsonTexts.map(answer, text -> inLanguage(text, languageTag));
    }
}
