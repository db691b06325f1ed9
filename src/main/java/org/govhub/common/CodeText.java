package org.govhub.common;

/**
 * Checks shared by the code and identifier value types: presence, surrounding whitespace and
 * ASCII-only content, each failing with a message that names what is wrong.
 */
public final class CodeText {

    private CodeText() {
    }

    /**
     * Rejects null, empty, padded and non-ASCII text. Full-width digits such as {@code ３} are
     * rejected here because {@link Character#isDigit} would accept them.
     */
    public static String requireCleanAscii(String field, String label, String text) {
        if (text == null) {
            throw new InvalidValueException(field, label + " is missing");
        }
        if (text.isEmpty()) {
            throw new InvalidValueException(field, label + " is empty");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidValueException(field,
                    label + " " + quote(text) + " has leading or trailing whitespace");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new InvalidValueException(field, String.format(
                        "%s %s contains non-ASCII character '%c' (U+%04X) at position %d;"
                                + " only ASCII digits and letters are allowed",
                        label, quote(text), c, (int) c, i + 1));
            }
        }
        return text;
    }

    public static boolean isDigits(String text) {
        return allIn(text, '0', '9', '0', '9');
    }

    public static boolean isCapitalLetters(String text) {
        return allIn(text, 'A', 'Z', 'A', 'Z');
    }

    public static boolean isDigitsOrCapitals(String text) {
        return allIn(text, '0', '9', 'A', 'Z');
    }

    /** Non-empty, and every character in one of the two ranges (a loop: codes are checked on every pushed record). */
    private static boolean allIn(String text, char from, char to, char alsoFrom, char alsoTo) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < from || c > to) && (c < alsoFrom || c > alsoTo)) {
                return false;
            }
        }
        return true;
    }

    public static String quote(String text) {
        return "\"" + text + "\"";
    }
}
