package com.saascrm.portability;

/**
 * The text cells of an archive, made safe to open in a spreadsheet: a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return would be run as a formula, so it is written with a leading
 * {@code '}, which spreadsheets take as "this is text". A value that itself starts with {@code '} gets one too, so
 * that reading can tell the two apart: {@link #unescape} undoes {@link #escape} exactly, for every string.
 * <p>
 * A cell that {@link #escape} never writes (an unescaped {@code =x}, say, in a file saved by a spreadsheet, which
 * drops the {@code '}) reads as it stands.
 */
final class SpreadsheetSafeText {

    static final char MARK = '\'';
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private SpreadsheetSafeText() {}

    /** @return the value with one more leading {@code '} if it starts with a formula character or with {@code '} */
    static String escape(String value) {
        if (value == null || value.isEmpty() || !needsMark(value.charAt(0))) {
            return value;
        }
        return MARK + value;
    }

    /** @return the cell without its first {@code '} if that is followed by a formula character or another {@code '} */
    static String unescape(String cell) {
        if (cell == null || cell.length() < 2 || cell.charAt(0) != MARK || !needsMark(cell.charAt(1))) {
            return cell;
        }
        return cell.substring(1);
    }

    private static boolean needsMark(char first) {
        return first == MARK || FORMULA_STARTS.indexOf(first) >= 0;
    }
}
