package com.saascrm.portability;

/**
 * Text from an uploaded archive, as an error message may show it: without control, format or line
 * separator characters (which could rewrite a log line or a terminal, or turn the text around), and cut to
 * {@value #MAX_SHOWN} characters, since the sender chooses its length.
 */
final class UntrustedText {

    static final int MAX_SHOWN = 100;
    static final String CUT = "…";

    private UntrustedText() {}

    static String quoted(String text) {
        return "'" + shown(text) + "'";
    }

    static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (invisible(codePoint)) {
                continue;
            }
            if (kept == MAX_SHOWN) {
                shown.append(CUT);
                break;
            }
            shown.appendCodePoint(codePoint);
            kept++;
        }
        return shown.toString();
    }

    private static boolean invisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
