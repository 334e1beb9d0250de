package io.readpulse.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An alert (or a digest) as an e-mail: a subject, a plain-text part and an HTML part, to be sent as
 * multipart/alternative. Every text is escaped for HTML, whatever its source: titles and sections
 * come from trusted descriptions, referring hosts from browsers, and neither can add markup. The
 * subject and the text part carry no control characters but the text part's own line breaks, so
 * nothing can start a new header.
 */
public record EmailMessage(String subject, String text, String html) {
    static final int MAX_SUBJECT = 200;

    public static EmailMessage render(Alert alert) {
        String subject = "[Readpulse] " + oneLine(alert.headline());
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT - 1) + "…";
        }
        String link = safeLink(alert.link());

        StringBuilder text = new StringBuilder();
        text.append(oneLine(alert.headline())).append("\n\n").append(oneLine(alert.summary())).append("\n");
        if (link != null) {
            text.append(link).append("\n");
        }
        text.append("\n");
        for (Alert.Fact fact : alert.facts()) {
            String value = lines(fact.value());
            text.append(oneLine(fact.label())).append(":").append(value.contains("\n") ? "\n  " + value.replace("\n", "\n  ") : " " + value)
                    .append("\n");
        }
        text.append("\n-- \nReadpulse alerts for ").append(oneLine(alert.site())).append(", ").append(alert.at()).append("\n");

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(html(subject)).append("</title></head>\n")
                .append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d2330\">\n")
                .append("<table role=\"presentation\" width=\"100%\" style=\"max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;"
                        + "border-collapse:separate;padding:24px\">\n")
                .append("<tr><td><p style=\"margin:0 0 4px;font-size:12px;color:#6b7280;text-transform:uppercase;letter-spacing:.05em\">Readpulse · ")
                .append(html(alert.trigger().wireName())).append("</p>\n")
                .append("<h1 style=\"margin:0 0 12px;font-size:22px;line-height:1.3\">").append(html(oneLine(alert.headline()))).append("</h1>\n")
                .append("<p style=\"margin:0 0 16px;font-size:15px\">").append(html(oneLine(alert.summary()))).append("</p>\n");
        if (link != null) {
            html.append("<p style=\"margin:0 0 20px\"><a href=\"").append(html(link))
                    .append("\" style=\"background:#2563eb;color:#ffffff;padding:8px 14px;border-radius:6px;text-decoration:none\">Open the article</a></p>\n");
        }
        if (!alert.facts().isEmpty()) {
            html.append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%;font-size:14px\">\n");
            for (Alert.Fact fact : alert.facts()) {
                html.append("<tr><th style=\"text-align:left;vertical-align:top;padding:6px 12px 6px 0;border-top:1px solid #eef0f3;color:#6b7280;font-weight:600;white-space:nowrap\">")
                        .append(html(oneLine(fact.label()))).append("</th><td style=\"padding:6px 0;border-top:1px solid #eef0f3\">")
                        .append(html(lines(fact.value())).replace("\n", "<br>\n")).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<p style=\"margin:20px 0 0;font-size:12px;color:#9ca3af\">Readpulse alerts for ").append(html(alert.site()))
                .append(", ").append(html(alert.at().toString())).append("</p>\n</td></tr></table>\n</body></html>\n");
        return new EmailMessage(subject, text.toString(), html.toString());
    }

    /** {@code & < > " '} as entities: safe in text and in quoted attributes. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Every control character (CR and LF included) and Unicode line or paragraph separator as a space. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return out.toString();
    }

    /** Like {@link #oneLine}, but keeps {@code \n} between lines. */
    private static String lines(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = (text == null ? "" : text).split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : "\n").append(oneLine(parts[i]));
        }
        return out.toString();
    }

    /** An absolute http(s) URL, in ASCII; null for anything else (javascript:, data:, relative). */
    static String safeLink(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String ascii = uri.toASCIIString();
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && ascii.chars().noneMatch(c -> c <= ' ')
                    ? ascii : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
