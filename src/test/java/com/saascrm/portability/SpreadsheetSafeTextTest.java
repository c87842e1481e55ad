package com.saascrm.portability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The escaping of text cells against spreadsheet formulas, and that reading undoes it exactly for every string. */
class SpreadsheetSafeTextTest {

    /** Value, and the cell it is exported as. */
    static final Map<String, String> CELLS = Map.ofEntries(
            Map.entry("=HYPERLINK(\"http://evil.example/x\")", "'=HYPERLINK(\"http://evil.example/x\")"),
            Map.entry("+1", "'+1"),
            Map.entry("-2", "'-2"),
            Map.entry("@SUM(A1)", "'@SUM(A1)"),
            Map.entry("\tx", "'\tx"),
            Map.entry("\rx", "'\rx"),
            Map.entry("'=already", "''=already"),
            Map.entry("'plain", "''plain"),
            Map.entry("''", "'''"),
            Map.entry("'", "''"),
            Map.entry("plain", "plain"),
            Map.entry("a=b", "a=b"),
            Map.entry(" =x", " =x"));

    private static final char[] ALPHABET = {'\'', '=', '+', '-', '@', '\t', '\r', 'a', ' '};

    @Test
    void cellsThatASpreadsheetWouldRunOrThatStartWithTheMarkGetOneMoreMark() {
        CELLS.forEach((value, cell) -> {
            assertThat(SpreadsheetSafeText.escape(value)).as(value).isEqualTo(cell);
            assertThat(SpreadsheetSafeText.unescape(cell)).as(cell).isEqualTo(value);
        });
        assertThat(SpreadsheetSafeText.escape("")).isEmpty();
        assertThat(SpreadsheetSafeText.escape(null)).isNull();
    }

    @Test
    void everyStringComesBackExactlyAndNoTwoShareACell() {
        Set<String> cells = new HashSet<>();
        List<String> values = allStringsUpTo(5);
        for (String value : values) {
            String cell = SpreadsheetSafeText.escape(value);
            assertThat(SpreadsheetSafeText.unescape(cell)).as(visible(value)).isEqualTo(value);
            assertThat(cell).as(visible(value)).isIn(value, "'" + value);
            if (!cell.isEmpty()) {
                assertThat("=+-@\t\r").as(visible(value)).doesNotContain(cell.substring(0, 1));
            }
            cells.add(cell);
        }
        assertThat(cells).hasSameSizeAs(values);
    }

    @Test
    void cellsNoExportWritesReadAsTheyStand() {
        assertThat(SpreadsheetSafeText.unescape("=HYPERLINK(\"http://evil.example/x\")"))
                .isEqualTo("=HYPERLINK(\"http://evil.example/x\")");
        assertThat(SpreadsheetSafeText.unescape("'plain")).isEqualTo("'plain");
        assertThat(SpreadsheetSafeText.unescape("'")).isEqualTo("'");
    }

    private static List<String> allStringsUpTo(int length) {
        List<String> strings = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int i = 0; i < length; i++) {
            List<String> longer = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : ALPHABET) {
                    longer.add(prefix + c);
                }
            }
            strings.addAll(longer);
            previous = longer;
        }
        return strings;
    }

    private static String visible(String value) {
        return value.replace("\t", "\\t").replace("\r", "\\r");
    }
}
