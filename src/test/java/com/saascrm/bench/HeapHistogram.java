package com.saascrm.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd GC.class_histogram} gives them (it collects first), so that
 * heap that a long run kept can be told apart: the database's cache, the benchmark's own records, or a leak.
 */
final class HeapHistogram {

    // "   1:       1234       567890  java.lang.String (java.base@17)"
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Map<String, Long> bytesByClass;

    private HeapHistogram(Map<String, Long> bytesByClass) {
        this.bytesByClass = bytesByClass;
    }

    static HeapHistogram now() {
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            Map<String, Long> bytes = new HashMap<>();
            for (String line : text.split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find()) {
                    bytes.merge(matcher.group(3), Long.parseLong(matcher.group(2)), Long::sum);
                }
            }
            return new HeapHistogram(bytes);
        } catch (Exception e) {
            throw new IllegalStateException("No class histogram from this JVM", e);
        }
    }

    /** The classes whose live bytes grew the most since {@code before}, largest first, as table rows. */
    String grownSince(HeapHistogram before, int classes) {
        StringBuilder rows = new StringBuilder();
        bytesByClass.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(), entry.getValue() - before.bytesByClass.getOrDefault(entry.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(classes)
                .forEach(grown -> rows.append(String.format(
                        Locale.ROOT,
                        "| %s | %.1f MB | %.1f MB |%n",
                        grown.getKey(),
                        before.bytesByClass.getOrDefault(grown.getKey(), 0L) / 1_048_576.0,
                        bytesByClass.get(grown.getKey()) / 1_048_576.0)));
        return rows.toString();
    }
}
