package com.saascrm.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds the texts of the other language in what a page shows: the customer texts, the forms' texts and Tasklist's
 * own (its locale files), each text cut at its placeholders into fragments. A fragment counts only where both
 * languages have the text and it differs, and not if it is also part of a text of the page's own language ("Status",
 * "Start", "Plan").
 */
public final class LanguageLeaks {

    private static final String TASKLIST_LOCALES = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{[^}]*}}|\\{[^}]*}|\\*\\*|\\\\n|\\n|##|\\[|]\\([^)]*\\)|\\|");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Pattern> foreign = new ArrayList<>();
    private final List<String> fragments = new ArrayList<>();

    private LanguageLeaks(Map<String, String> own, Map<String, String> other) {
        String ownTexts = String.join("\n", own.values());
        Set<String> candidates = new LinkedHashSet<>();
        other.forEach((key, text) -> {
            if (own.containsKey(key) && !text.equals(own.get(key))) {
                for (String fragment : PLACEHOLDER.split(text)) {
                    String trimmed =
                            fragment.strip().replaceAll("[.:;,!?()]+$", "").strip();
                    if (trimmed.length() >= 4 && trimmed.chars().anyMatch(Character::isLetter)) {
                        candidates.add(trimmed);
                    }
                }
            }
        });
        for (String candidate : candidates) {
            Pattern word = Pattern.compile("(?<!\\p{L})" + Pattern.quote(candidate) + "(?!\\p{L})");
            if (!word.matcher(ownTexts).find()) {
                foreign.add(word);
                fragments.add(candidate);
            }
        }
    }

    /** Finds English on a Norwegian page. */
    public static LanguageLeaks englishOnNorwegianPages() {
        return new LanguageLeaks(texts("nb"), texts("en"));
    }

    /** Finds Norwegian on an English page. */
    public static LanguageLeaks norwegianOnEnglishPages() {
        return new LanguageLeaks(texts("en"), texts("nb"));
    }

    /** The fragments of the other language that the page text holds. */
    public List<String> in(String pageText) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < foreign.size(); i++) {
            if (foreign.get(i).matcher(pageText).find()) {
                found.add(fragments.get(i));
            }
        }
        return found;
    }

    public int size() {
        return foreign.size();
    }

    private static Map<String, String> texts(String language) {
        String suffix = language.equals("en") ? "" : "_" + language;
        Map<String, String> texts = new HashMap<>();
        properties("texts/customer" + suffix + ".properties")
                .forEach((key, text) -> texts.put("customer." + key, text));
        properties("texts/forms" + suffix + ".properties").forEach((key, text) -> texts.put("forms." + key, text));
        collect("tasklist", json(TASKLIST_LOCALES + language + ".json").path("labels"), texts);
        return texts;
    }

    private static Map<String, String> properties(String resource) {
        Properties properties = new Properties();
        try (InputStream in = open(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return texts;
    }

    private static JsonNode json(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(String path, JsonNode node, Map<String, String> texts) {
        if (node.isObject()) {
            node.properties().forEach(field -> collect(path + "." + field.getKey(), field.getValue(), texts));
        } else if (node.isTextual()) {
            texts.put(path, node.asText());
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = LanguageLeaks.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("not on the class path: " + resource);
        }
        return in;
    }
}
