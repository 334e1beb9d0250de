package io.readpulse.admin;

/**
 * Characters that must not reach an operator's terminal from stored text: the C0 controls (an
 * escape sequence starts with ESC, U+001B), DEL, the C1 controls (U+009B alone starts one on some
 * terminals), and the bidirectional formatting characters, which make text display in another
 * order than it is stored (U+202E turns what follows around). Names and labels that hold one are
 * refused; what is printed from the table is escaped, for text stored before this check existed
 * and for text that came from elsewhere (an article's page).
 */
final class ControlCharacters {
    private ControlCharacters() {
    }

    static boolean isRefused(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    static boolean containsAny(String text) {
        return text.chars().anyMatch(c -> isRefused((char) c));
    }

    /** @throws UsageError naming the option if {@code value} holds one of the characters */
    static void refuse(String option, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isRefused(value.charAt(i))) {
                throw new UsageError(option + " cannot hold control or bidirectional formatting characters (it holds "
                        + escape(String.valueOf(value.charAt(i))) + ")");
            }
        }
    }

    /** The text with each of the characters written as a backslash, "u" and four hex digits; null as "null", as printing it would. */
    static String escape(String text) {
        if (text == null || !containsAny(text)) {
            return String.valueOf(text);
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isRefused(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
