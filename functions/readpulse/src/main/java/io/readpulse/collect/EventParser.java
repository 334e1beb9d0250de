package io.readpulse.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.model.Refusal;
import io.readpulse.json.JsonTrees;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Campaign;
import io.readpulse.model.EventType;
import io.readpulse.model.ShareNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the body of {@code POST /v1/events} into checked events, or an {@link Refusal} (400)
 * that names the field at fault. Pure: no I/O, no clock except the one passed in.
 *
 * <p>Accepted shapes: one event with its site, {@code {"site":"s","type":"view",...}}, or a batch,
 * {@code {"site":"s","events":[{...},...]}}.
 */
public final class EventParser {
    private final JsonFactory strictFactory;

    public EventParser() {
        this.strictFactory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_JSON_NESTING)
                        .maxNumberLength(32)
                        .maxStringLength(Limits.MAX_BODY_BYTES)
                        .build())
                .build();
    }

    /** A parsed request: the site it claims and its events, in order. */
    record ParsedBatch(String site, List<IncomingEvent> events) {
    }

    ParsedBatch parse(byte[] body, Instant now) {
        if (body.length == 0) {
            throw Refusal.invalid("empty_body", "body", "the request has no body");
        }
        if (body.length > Limits.MAX_BODY_BYTES) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "body_too_large", "body",
                    "the body is " + body.length + " bytes; at most " + Limits.MAX_BODY_BYTES + " are accepted");
        }
        JsonNode root;
        try {
            root = JsonTrees.read(strictFactory, body);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("malformed_json", "body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Refusal.invalid("malformed_json", "body", "the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalid("malformed_json", "body", "the body must be a JSON object");
        }
        String site = requiredText(root, "site", "site", 64);
        if (!Identifiers.isSiteId(site)) {
            throw Refusal.invalid("invalid_site", "site", "site must be 2-63 lower-case letters, digits or dashes");
        }
        List<IncomingEvent> events = new ArrayList<>();
        JsonNode eventsNode = root.get("events");
        if (eventsNode == null) {
            events.add(parseEvent(root, "", now));
        } else {
            if (!eventsNode.isArray()) {
                throw Refusal.invalid("wrong_type", "events", "events must be an array");
            }
            if (eventsNode.isEmpty()) {
                throw Refusal.invalid("no_events", "events", "events must hold at least one event");
            }
            if (eventsNode.size() > Limits.MAX_EVENTS_PER_REQUEST) {
                throw Refusal.invalid("too_many_events", "events",
                        "a request holds at most " + Limits.MAX_EVENTS_PER_REQUEST + " events, this one has " + eventsNode.size());
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < eventsNode.size(); i++) {
                JsonNode event = eventsNode.get(i);
                String prefix = "events[" + i + "].";
                if (!event.isObject()) {
                    throw Refusal.invalid("wrong_type", "events[" + i + "]", "each event must be an object");
                }
                IncomingEvent parsed = parseEvent(event, prefix, now);
                if (parsed.eventId() != null && !ids.add(parsed.eventId())) {
                    throw Refusal.invalid("duplicate_event_id", prefix + "id", "two events of one request have the id " + parsed.eventId());
                }
                events.add(parsed);
            }
        }
        return new ParsedBatch(site, List.copyOf(events));
    }

    private IncomingEvent parseEvent(JsonNode event, String prefix, Instant now) {
        String typeName = requiredText(event, "type", prefix + "type", 16);
        EventType type = EventType.fromWire(typeName).orElseThrow(() -> Refusal.invalid(
                "unknown_event_type", prefix + "type", "type must be view, engage, share, impression or click, not '" + typeName + "'"));
        Instant clientTime = clientTime(event, prefix, now);
        String eventId = eventId(event, prefix, clientTime);
        if (type.fromTheBox()) {
            return BoxEventParser.parse(type, event, prefix, eventId, clientTime);
        }

        JsonNode articleNode = event.get("article");
        if (articleNode == null || !articleNode.isObject()) {
            throw Refusal.invalid(articleNode == null ? "missing_field" : "wrong_type", prefix + "article",
                    "article must be an object with at least id and url");
        }
        ParsedArticle parsed = parseArticle(articleNode, prefix + "article.", type == EventType.VIEW, now);
        ArticleMeta article = parsed.meta();

        IncomingEvent incoming = switch (type) {
            case VIEW -> new IncomingEvent(type, article, parsed.host(), parsed.imageHost(), optionalReferrer(event, prefix), 0, null,
                    eventId, clientTime, campaign(event, prefix), null, null);
            case ENGAGE -> {
                Integer depth = readDepth(event, "depth", prefix);
                Integer from = readDepth(event, "depthFrom", prefix);
                if (from != null && (depth == null || from > depth)) {
                    throw Refusal.invalid("out_of_range", prefix + "depthFrom",
                            "depthFrom is the milestone sent before depth, so it needs depth and cannot be greater than it");
                }
                yield new IncomingEvent(type, article, parsed.host(), null, null, engagedSeconds(event, prefix), null,
                        eventId, clientTime, campaign(event, prefix), milestone(depth), milestone(from));
            }
            case SHARE -> {
                String networkName = requiredText(event, "network", prefix + "network", 32);
                ShareNetwork network = ShareNetwork.fromWire(networkName.toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> Refusal.invalid("unknown_share_network", prefix + "network",
                                "network '" + networkName + "' is not one of facebook, x, linkedin, whatsapp, telegram, reddit, email, copy-link"));
                yield new IncomingEvent(type, article, parsed.host(), null, null, 0, network, eventId, clientTime,
                        campaign(event, prefix), null, null);
            }
            case IMPRESSION, CLICK -> throw new IllegalStateException("the box's events are parsed above");
        };
        return BoxEventParser.withVia(event, prefix, incoming);
    }

    private record ParsedArticle(ArticleMeta meta, String host, String imageHost) {
    }

    private record CheckedUrl(String url, String host) {
    }

    private ParsedArticle parseArticle(JsonNode node, String prefix, boolean fullMetadata, Instant now) {
        String id = requiredText(node, "id", prefix + "id", 128);
        if (!Identifiers.isArticleId(id)) {
            throw Refusal.invalid("invalid_article_id", prefix + "id",
                    "article id must be 1-128 letters, digits or . _ ~ - and start with a letter or digit");
        }
        CheckedUrl url = httpUrl(requiredText(node, "url", prefix + "url", Limits.MAX_URL_LENGTH), prefix + "url");
        if (!fullMetadata) {
            // Engagement and share events may name the section, so section totals include them.
            JsonNode sectionNode = node.get("section");
            String section = sectionNode == null || sectionNode.isNull() ? null
                    : cleanText(requiredText(node, "section", prefix + "section", Limits.MAX_SECTION_LENGTH), prefix + "section");
            return new ParsedArticle(new ArticleMeta(id, url.url(), null, section, null, null), url.host(), null);
        }
        String title = cleanText(requiredText(node, "title", prefix + "title", Limits.MAX_TITLE_LENGTH), prefix + "title");
        String section = cleanText(requiredText(node, "section", prefix + "section", Limits.MAX_SECTION_LENGTH), prefix + "section");
        String published = requiredText(node, "publishedAt", prefix + "publishedAt", 40);
        Instant publishedAt;
        try {
            publishedAt = parseInstant(published);
        } catch (DateTimeException e) {
            throw Refusal.invalid("invalid_time", prefix + "publishedAt",
                    "publishedAt must be an ISO-8601 instant such as 2026-11-29T07:30:00Z");
        }
        // Compared as instants, never as milliseconds: year -999999999 is a valid instant whose millis overflow.
        if (publishedAt.isBefore(Limits.EARLIEST_PUBLICATION)) {
            throw Refusal.invalid("out_of_range", prefix + "publishedAt", "publishedAt is before " + Limits.EARLIEST_PUBLICATION);
        }
        if (publishedAt.isAfter(now.plusMillis(Limits.MAX_CLOCK_SKEW_MILLIS))) {
            throw Refusal.invalid("time_in_future", prefix + "publishedAt", "publishedAt is in the future");
        }
        CheckedUrl image = null;
        JsonNode imageNode = node.get("image");
        if (imageNode != null && !imageNode.isNull()) {
            image = httpUrl(requiredText(node, "image", prefix + "image", Limits.MAX_URL_LENGTH), prefix + "image");
        }
        List<String> authors = names(node, "authors", prefix + "authors", Limits.MAX_AUTHORS, Limits.MAX_AUTHOR_LENGTH);
        List<String> tags = names(node, "tags", prefix + "tags", Limits.MAX_TAGS, Limits.MAX_TAG_LENGTH);
        return new ParsedArticle(new ArticleMeta(id, url.url(), title, section, publishedAt, image == null ? null : image.url(), authors, tags),
                url.host(), image == null ? null : image.host());
    }

    /**
     * Authors or tags: an optional array of at most {@code maxCount} strings of at most {@code maxLength}
     * characters, each cleaned as a title is; repeats are dropped, the order kept.
     */
    private static List<String> names(JsonNode parent, String name, String field, int maxCount, int maxLength) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Refusal.invalid("wrong_type", field, field + " must be an array of strings");
        }
        if (node.size() > maxCount) {
            throw Refusal.invalid("too_many", field, field + " holds at most " + maxCount + " names, this one has " + node.size());
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String elementField = field + "[" + i + "]";
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                throw Refusal.invalid("wrong_type", elementField, elementField + " must be a string");
            }
            String value = element.asText();
            if (value.length() > maxLength) {
                throw Refusal.invalid("too_long", elementField, elementField + " is longer than " + maxLength + " characters");
            }
            checkWellFormed(value, elementField);
            names.add(cleanText(value, elementField));
        }
        return List.copyOf(names);
    }

    /** The utm parameters of the page view's landing URL, on any of its events; null when it carried none. */
    private static Campaign campaign(JsonNode event, String prefix) {
        String source = utm(event, "utm_source", prefix);
        String medium = utm(event, "utm_medium", prefix);
        String name = utm(event, "utm_campaign", prefix);
        return source == null && medium == null && name == null ? null : new Campaign(source, medium, name);
    }

    private static String utm(JsonNode event, String name, String prefix) {
        String field = prefix + name;
        JsonNode node = event.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("wrong_type", field, field + " must be a string");
        }
        String value = node.asText();
        if (value.length() > Limits.MAX_UTM_LENGTH) {
            throw Refusal.invalid("too_long", field, field + " is longer than " + Limits.MAX_UTM_LENGTH + " characters");
        }
        if (value.isBlank()) {
            return null;
        }
        checkWellFormed(value, field);
        return cleanText(value, field);
    }

    /**
     * How far through the article body the reader got, in percent: any whole number from 0 to 100,
     * kept as the milestone at or below it (0, 25, 50, 75 or 100), so that a client cannot spread
     * its readers over more than five values. {@code depthFrom}, the milestone the page view sent
     * before, is read the same way.
     */
    private static Integer readDepth(JsonNode event, String name, String prefix) {
        JsonNode depth = event.get(name);
        if (depth == null || depth.isNull()) {
            return null;
        }
        if (!depth.isIntegralNumber()) {
            throw Refusal.invalid("wrong_type", prefix + name, name + " must be a whole number of percent");
        }
        if (!depth.canConvertToInt() || depth.asInt() < 0 || depth.asInt() > 100) {
            throw Refusal.invalid("out_of_range", prefix + name, name + " must be a whole number from 0 to 100");
        }
        return depth.asInt();
    }

    private static Integer milestone(Integer percent) {
        return percent == null ? null : percent / 25 * 25;
    }

    /**
     * ISO-8601 instants; the shape every page sends, {@code 2026-11-29T07:30:00Z}, is read by hand
     * because {@link Instant#parse} costs a quarter of a whole request's CPU.
     */
    static Instant parseInstant(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
                return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The client's clock when it made the event ({@code ts}, epoch milliseconds), or null when it sent none. */
    private static Instant clientTime(JsonNode event, String prefix, Instant now) {
        JsonNode ts = event.get("ts");
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
            throw Refusal.invalid("wrong_type", prefix + "ts", "ts must be epoch milliseconds as an integer");
        }
        long millis = ts.asLong();
        if (millis > now.toEpochMilli() + Limits.MAX_CLOCK_SKEW_MILLIS) {
            throw Refusal.invalid("time_in_future", prefix + "ts", "ts is more than 5 minutes in the future");
        }
        if (millis < now.toEpochMilli() - Limits.MAX_EVENT_AGE_MILLIS) {
            throw Refusal.invalid("time_too_old", prefix + "ts", "ts is more than an hour old; send events within the hour they happen");
        }
        return Instant.ofEpochMilli(millis);
    }

    /**
     * The client's id for the event, which makes a retry harmless: the same {@code id} and {@code ts}
     * store the same raw event again, which is counted once. An id needs its ts, since the two
     * together place the event in the log.
     */
    private static String eventId(JsonNode event, String prefix, Instant clientTime) {
        JsonNode id = event.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || !Identifiers.isEventId(id.asText())) {
            throw Refusal.invalid("invalid_event_id", prefix + "id", "id must be 8-64 letters, digits, '-' or '_'");
        }
        if (clientTime == null) {
            throw Refusal.invalid("missing_field", prefix + "ts", "an event with an id needs its ts, the epoch milliseconds when it was made");
        }
        return id.asText();
    }

    private static int engagedSeconds(JsonNode event, String prefix) {
        JsonNode seconds = event.get("seconds");
        if (seconds == null || seconds.isNull()) {
            throw Refusal.invalid("missing_field", prefix + "seconds", "an engage event needs seconds");
        }
        if (!seconds.isIntegralNumber() || !seconds.canConvertToInt()
                || seconds.asInt() < 1 || seconds.asInt() > Limits.MAX_ENGAGED_SECONDS_PER_PING) {
            throw Refusal.invalid("out_of_range", prefix + "seconds",
                    "seconds must be a whole number from 1 to " + Limits.MAX_ENGAGED_SECONDS_PER_PING);
        }
        return seconds.asInt();
    }

    private static String optionalReferrer(JsonNode event, String prefix) {
        JsonNode referrer = event.get("referrer");
        if (referrer == null || referrer.isNull() || (referrer.isTextual() && referrer.asText().isEmpty())) {
            return null;
        }
        if (!referrer.isTextual()) {
            throw Refusal.invalid("wrong_type", prefix + "referrer", "referrer must be a string");
        }
        if (referrer.asText().length() > Limits.MAX_REFERRER_LENGTH) {
            throw Refusal.invalid("too_long", prefix + "referrer",
                    "referrer is longer than " + Limits.MAX_REFERRER_LENGTH + " characters");
        }
        checkWellFormed(referrer.asText(), prefix + "referrer");
        return referrer.asText();
    }

    private static String requiredText(JsonNode parent, String name, String field, int maxLength) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw Refusal.invalid("missing_field", field, field + " is required");
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("wrong_type", field, field + " must be a string");
        }
        String value = node.asText();
        if (value.isBlank()) {
            throw Refusal.invalid("missing_field", field, field + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw Refusal.invalid("too_long", field, field + " is longer than " + maxLength + " characters");
        }
        checkWellFormed(value, field);
        return value;
    }

    /**
     * JSON's backslash-u escapes can spell half a surrogate pair, which is no character at all: DynamoDB
     * refuses such a string, so it must be refused here, before anything of the request is written.
     */
    private static void checkWellFormed(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw Refusal.invalid("invalid_text", field, field + " holds half of a UTF-16 surrogate pair, which is not a character");
            }
        }
    }

    /** Only absolute http(s) URLs with a host; anything else (javascript:, data:, relative) is refused. */
    private static CheckedUrl httpUrl(String value, String field) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw Refusal.invalid("invalid_url", field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Refusal.invalid("invalid_url", field, field + " must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw Refusal.invalid("invalid_url", field, field + " must name a host and no user info");
        }
        return new CheckedUrl(value, uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** Collapses whitespace and refuses control and bidirectional-override characters. */
    private static String cleanText(String value, String field) {
        StringBuilder cleaned = new StringBuilder(value.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!lastWasSpace && cleaned.length() > 0) {
                    cleaned.append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            if (Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw Refusal.invalid("invalid_text", field, field + " contains control or direction-override characters");
            }
            cleaned.append(c);
            lastWasSpace = false;
        }
        String result = cleaned.toString().strip();
        if (result.isEmpty()) {
            throw Refusal.invalid("missing_field", field, field + " must not be empty");
        }
        return result;
    }
}
