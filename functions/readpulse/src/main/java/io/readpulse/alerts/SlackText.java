package io.readpulse.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Text for Slack's mrkdwn. Slack reads {@code <...>} as a link, a mention ({@code <@U123>}) or a
 * broadcast ({@code <!channel>}), and asks for {@code &}, {@code <} and {@code >} to be escaped as
 * entities; with those escaped no such sequence can be formed. An {@code @} is followed by a word
 * joiner so a bare {@code @channel} is never read as one either, and the characters that start
 * formatting ({@code * _ ~ `}) are replaced by look-alikes, so text stays text.
 */
public final class SlackText {
    private SlackText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("@\u2060");
                case '*' -> out.append('\u2217');
                case '_' -> out.append('\uFF3F');
                case '~' -> out.append('\u223C');
                case '`' -> out.append('\u02CB');
                default -> out.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * A link Slack cannot misread: an http(s) URL with nothing that ends the link early ({@code |},
     * {@code >}) or starts another; null when {@code url} is not such a URL.
     */
    public static String link(String url, String label) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String ascii = uri.toASCIIString();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || ascii.chars().anyMatch(c -> c == '|' || c == '<' || c == '>' || c <= ' ')) {
            return null;
        }
        return "<" + ascii.replace("&", "&amp;") + "|" + escape(label) + ">";
    }
}
