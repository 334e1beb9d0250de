package io.readpulse.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An alert as a Slack incoming-webhook message in Block Kit: the headline in a header block
 * (plain text), the summary and the article's link in a mrkdwn section, the facts as plain-text
 * fields, and a context line. Anything that may have come from a browser goes into plain-text
 * objects, which Slack renders as written; the one mrkdwn text is escaped ({@link SlackText}).
 */
public final class SlackMessage {
    /** Slack's limits: header text 150 characters, section fields 10, each 2,000 characters. */
    static final int MAX_HEADER = 150;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD = 2_000;

    private SlackMessage() {
    }

    public static ObjectNode render(Alert alert) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode message = nodes.objectNode();
        // The notification's text, shown where blocks are not (phone notifications): mrkdwn, so escaped.
        message.put("text", SlackText.escape(alert.headline() + ": " + alert.summary()));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        plain(header.putObject("text"), shorten(alert.headline(), MAX_HEADER));
        String link = SlackText.link(alert.link(), "Open the article");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", SlackText.escape(alert.summary()) + (link == null ? "" : "\n" + link));
        if (!alert.facts().isEmpty()) {
            ObjectNode factsBlock = blocks.addObject().put("type", "section");
            ArrayNode fields = factsBlock.putArray("fields");
            alert.facts().stream().limit(MAX_FIELDS)
                    .forEach(fact -> plain(fields.addObject(), shorten(fact.label() + ": " + fact.value(), MAX_FIELD)));
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        plain(context.putArray("elements").addObject(), shorten("Readpulse · " + alert.site() + " · " + alert.trigger().wireName() + " · " + alert.at(), MAX_FIELD));
        return message;
    }

    private static void plain(ObjectNode node, String text) {
        node.put("type", "plain_text").put("text", text).put("emoji", false);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
