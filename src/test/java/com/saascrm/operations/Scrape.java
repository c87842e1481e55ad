package com.saascrm.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of {@code /actuator/prometheus}, read as Prometheus reads the text format: series and their values. */
record Scrape(List<Series> series) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Series(String name, Map<String, String> labels, double value) {}

    static Scrape of(String body) {
        List<Series> series = new ArrayList<>();
        for (String line : body.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("Not a sample of the text format: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new Scrape(series);
    }

    /** The sum over the series of {@code name} that carry the given labels ({@code "name", "value"} pairs). */
    double value(String name, String... labels) {
        return series.stream()
                .filter(one -> one.name().equals(name) && hasLabels(one, labels))
                .mapToDouble(Series::value)
                .sum();
    }

    boolean has(String name) {
        return series.stream().anyMatch(one -> one.name().equals(name));
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        series.forEach(one -> names.add(one.name()));
        return names;
    }

    List<Series> all(String name) {
        return series.stream().filter(one -> one.name().equals(name)).toList();
    }

    private static boolean hasLabels(Series series, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(series.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
