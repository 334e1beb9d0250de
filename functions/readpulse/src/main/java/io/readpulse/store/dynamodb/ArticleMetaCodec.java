package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.model.ArticleMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Article metadata as DynamoDB attributes, with one set of names wherever it is stored: in a raw
 * event's and a counter item's {@value #META} map, and flat in a trending list's entries and in an
 * article's description record. Absent fields are left out.
 *
 * <p>Raw events written before this codec kept the section's name outside the map, as
 * {@value #LEGACY_RAW_EVENT_SECTION}; {@link RawEventCodec} still reads it.
 */
final class ArticleMetaCodec {
    /** The map an article's metadata is stored in, in raw events and counter items. */
    static final String META = "m";
    static final String URL = "u";
    static final String TITLE = "ti";
    static final String SECTION_NAME = "sn";
    static final String PUBLISHED = "pub";
    static final String IMAGE = "img";
    /** Lists, not string sets: a set would lose the page's order, and the first author is the byline's first. */
    static final String AUTHORS = "au";
    static final String TAGS = "tg";
    /** Beside the metadata where an item keeps it: the section's slug (counter items, list entries). */
    static final String SECTION_SLUG = "sec";
    /** Where raw events written before this codec kept the section's name. */
    static final String LEGACY_RAW_EVENT_SECTION = "sc";

    private ArticleMetaCodec() {
    }

    /** The metadata as a map of its present fields (the article's id is the item's, not the map's). */
    static Map<String, AttributeValue> toMap(ArticleMeta meta) {
        Map<String, AttributeValue> map = new HashMap<>(8);
        putFields(map, meta);
        return map;
    }

    /** Puts the metadata's present fields into {@code into}, flat. */
    static void putFields(Map<String, AttributeValue> into, ArticleMeta meta) {
        putIfPresent(into, URL, meta.url());
        putIfPresent(into, TITLE, meta.title());
        putIfPresent(into, SECTION_NAME, meta.section());
        if (meta.publishedAt() != null) {
            into.put(PUBLISHED, n(meta.publishedAt().getEpochSecond()));
        }
        putIfPresent(into, IMAGE, meta.image());
        if (!meta.authors().isEmpty()) {
            into.put(AUTHORS, texts(meta.authors()));
        }
        if (!meta.tags().isEmpty()) {
            into.put(TAGS, texts(meta.tags()));
        }
    }

    /** Reads what {@link #putFields} or {@link #toMap} wrote; absent fields are null. */
    static ArticleMeta fromMap(String articleId, Map<String, AttributeValue> map) {
        long published = number(map, PUBLISHED);
        return new ArticleMeta(articleId, string(map, URL), string(map, TITLE), string(map, SECTION_NAME),
                published == 0 ? null : Instant.ofEpochSecond(published), string(map, IMAGE),
                texts(map, AUTHORS), texts(map, TAGS));
    }

    private static AttributeValue texts(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Attributes::s).toList());
    }

    private static List<String> texts(Map<String, AttributeValue> map, String name) {
        AttributeValue value = map.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    /** The {@value #META} map of an item, or null. */
    static Map<String, AttributeValue> metaOf(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(META);
        return value != null && value.hasM() ? value.m() : null;
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }
}
