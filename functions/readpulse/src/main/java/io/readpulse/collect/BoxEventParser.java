package io.readpulse.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.model.BoxEvent;
import io.readpulse.model.EventType;
import io.readpulse.model.Refusal;
import java.time.Instant;

/**
 * The Trending box's impressions and clicks, and the {@code via} of views and pings opened from it:
 * checked as hostile as every browser field, each refusal naming its field. Pure.
 *
 * <pre>
 * {"type": "impression", "list": {"mode", "window", "section"?}, "arm"?, "items", "article": {"id"}?}
 * {"type": "click", "list": {...}, "arm"?, "position", "target": {"id"}?, "article": {"id"}?}
 * {"type": "view" | "engage", ..., "via": "box"}
 * </pre>
 */
final class BoxEventParser {
    static final String VIA_BOX = "box";

    private BoxEventParser() {
    }

    static IncomingEvent parse(EventType type, JsonNode event, String prefix, String eventId, Instant clientTime) {
        JsonNode list = event.get("list");
        if (list == null || !list.isObject()) {
            throw Refusal.invalid(list == null ? "missing_field" : "wrong_type", prefix + "list",
                    "list must be an object with the list's mode and window");
        }
        String mode = text(list, "mode", prefix + "list.mode", 16);
        if (!BoxEvent.MODES.contains(mode)) {
            throw Refusal.invalid("unknown_mode", prefix + "list.mode", "list.mode must be one of " + String.join(", ", BoxEvent.MODES));
        }
        String window = text(list, "window", prefix + "list.window", 16);
        if (!BoxEvent.WINDOWS.contains(window)) {
            throw Refusal.invalid("unknown_window", prefix + "list.window",
                    "list.window must be one of " + String.join(", ", BoxEvent.WINDOWS));
        }
        String section = null;
        if (present(list.get("section"))) {
            section = text(list, "section", prefix + "list.section", Limits.MAX_SECTION_LENGTH);
            if (!Identifiers.isSectionSlug(section)) {
                throw Refusal.invalid("invalid_section", prefix + "list.section",
                        "list.section must be a section slug: lower-case letters and digits in words joined by dashes");
            }
        }
        String arm = null;
        if (present(event.get("arm"))) {
            arm = text(event, "arm", prefix + "arm", 16);
            if (!BoxEvent.isArm(arm)) {
                throw Refusal.invalid("invalid_arm", prefix + "arm", "arm must be mode-window of a trending list, such as top-24h");
            }
            if (!arm.equals(mode + '-' + window)) {
                throw Refusal.invalid("arm_mismatch", prefix + "arm", "arm must be the list shown, " + mode + '-' + window);
            }
        }
        if (present(event.get("article"))) {
            articleId(event, "article", prefix + "article");
        }
        BoxEvent box = type == EventType.IMPRESSION
                ? new BoxEvent(mode, window, section, arm, place(event, "items", prefix + "items"), 0, null)
                : new BoxEvent(mode, window, section, arm, 0, place(event, "position", prefix + "position"),
                        present(event.get("target")) ? articleId(event, "target", prefix + "target") : null);
        return new IncomingEvent(type, null, null, null, null, 0, null, eventId, clientTime, null, null, null, box);
    }

    /** A view or engagement ping with {@code "via": "box"} came from a page view opened from the box. */
    static IncomingEvent withVia(JsonNode event, String prefix, IncomingEvent parsed) {
        JsonNode via = event.get("via");
        if (!present(via) || parsed.type() == EventType.SHARE) {
            return parsed;
        }
        if (!via.isTextual() || !via.asText().equals(VIA_BOX)) {
            throw Refusal.invalid("unknown_via", prefix + "via", "via must be \"box\" (the page view was opened from the Trending box)");
        }
        return parsed.withBox(BoxEvent.VIA_BOX);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    /** {@code items} or {@code position}: a whole number from 1 to 50. */
    private static int place(JsonNode event, String name, String field) {
        JsonNode node = event.get(name);
        if (!present(node)) {
            throw Refusal.invalid("missing_field", field, field + " is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > BoxEvent.MAX_ITEMS) {
            throw Refusal.invalid("out_of_range", field, field + " must be a whole number from 1 to " + BoxEvent.MAX_ITEMS);
        }
        return node.asInt();
    }

    /** {@code {"id": "..."}} with an article id of the usual form. */
    private static String articleId(JsonNode event, String name, String field) {
        JsonNode node = event.get(name);
        if (!node.isObject()) {
            throw Refusal.invalid("wrong_type", field, field + " must be an object with the article's id");
        }
        String id = text(node, "id", field + ".id", 128);
        if (!Identifiers.isArticleId(id)) {
            throw Refusal.invalid("invalid_article_id", field + ".id",
                    "article id must be 1-128 letters, digits or . _ ~ - and start with a letter or digit");
        }
        return id;
    }

    private static String text(JsonNode parent, String name, String field, int maxLength) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            throw Refusal.invalid("missing_field", field, field + " is required");
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("wrong_type", field, field + " must be a string");
        }
        if (node.asText().length() > maxLength) {
            throw Refusal.invalid("too_long", field, field + " is longer than " + maxLength + " characters");
        }
        return node.asText();
    }
}
