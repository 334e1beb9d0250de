package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.aggregate.DimensionKind;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Campaign;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A raw event as a DynamoDB item. Attribute names are one or two letters: every raw event also
 * travels through the stream, and Lambda's 6 MB batch limit is what bounds the batch size.
 */
public final class RawEventCodec {
    static final String TYPE = "t";
    static final String ARTICLE = "a";
    /** When the event was received, as events stored before {@link #RECEIVED_AFTER_LOGGED} kept it: epoch milliseconds. */
    static final String AT_MILLIS = "ts";
    /**
     * When the event was received, as milliseconds after the time that begins its sort key (the
     * client's {@code ts} for an event with an id, else the same instant): a few digits instead of
     * thirteen, and left out when zero. Every raw event travels through the stream, and Lambda's
     * 6 MB batch limit is what bounds the batch size.
     */
    static final String RECEIVED_AFTER_LOGGED = "td";
    static final String VISITOR = "vk";
    static final String SKETCH_SLOT = "hs";
    static final String BOT = "b";
    static final String REPEAT = "rp";
    static final String REFERRER_HOST = "rh";
    static final String REFERRER_CLASS = "rc";
    static final String ENGAGED_SECONDS = "es";
    static final String NETWORK = "n";
    /** Left out for {@link #DEVICE_LEFT_OUT}. */
    static final String DEVICE = "dv";
    /**
     * The device class most news readers come in, left out of the item: an event without
     * {@link #DEVICE} is from a phone. Events stored before kept {@link #AT_MILLIS} and every class
     * they knew, so one of those without it is of an unknown class.
     */
    static final DeviceClass DEVICE_LEFT_OUT = DeviceClass.MOBILE;
    /** Left out when unknown. */
    static final String COUNTRY = "cc";
    /** The utm parameters as one string, {@link DimensionKind#campaignName}; left out when none. */
    static final String CAMPAIGN = "cp";
    /** The utm parameters as events stored before {@link #CAMPAIGN} kept them, still read. */
    static final String UTM_SOURCE = "us";
    static final String UTM_MEDIUM = "um";
    static final String UTM_CAMPAIGN = "uc";
    static final String READ_DEPTH = "rd";
    static final String READ_DEPTH_FROM = "rf";

    private RawEventCodec() {
    }

    public static Map<String, AttributeValue> toItem(TrackedEvent event, String partitionKey, String sortKey, long ttlEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>(20);
        item.put(Keys.PK, s(partitionKey));
        item.put(Keys.SK, s(sortKey));
        item.put(Keys.TTL, n(ttlEpochSeconds));
        item.put(TYPE, s(event.type().storedCode()));
        if (event.articleId() != null) {
            item.put(ARTICLE, s(event.articleId()));
        }
        Long logged = loggedMillis(sortKey);
        long received = event.occurredAt().toEpochMilli();
        if (logged == null) {
            item.put(AT_MILLIS, n(received));
        } else if (received != logged) {
            item.put(RECEIVED_AFTER_LOGGED, n(received - logged));
        }
        item.put(VISITOR, s(event.visitorKey()));
        item.put(SKETCH_SLOT, n(event.sketchSlot()));
        if (event.bot()) {
            item.put(BOT, AttributeValue.fromBool(true));
        }
        if (event.repeat()) {
            item.put(REPEAT, AttributeValue.fromBool(true));
        }
        if (event.referrerHost() != null) {
            item.put(REFERRER_HOST, s(event.referrerHost()));
        }
        if (event.referrerClass() != null) {
            item.put(REFERRER_CLASS, s(event.referrerClass().wireName()));
        }
        if (event.engagedSeconds() > 0) {
            item.put(ENGAGED_SECONDS, n(event.engagedSeconds()));
        }
        if (event.network() != null) {
            item.put(NETWORK, s(event.network().wireName()));
        }
        // An item that keeps AT_MILLIS (a sort key of another shape) reads as one stored before: it names every class.
        if (event.device() != null && (event.device() != DEVICE_LEFT_OUT || item.containsKey(AT_MILLIS))) {
            item.put(DEVICE, s(event.device().storedCode()));
        }
        if (event.country() != null && !event.country().equals(TrackedEvent.UNKNOWN_COUNTRY)) {
            item.put(COUNTRY, s(event.country()));
        }
        Campaign campaign = event.campaign();
        if (campaign != null) {
            item.put(CAMPAIGN, s(DimensionKind.campaignName(campaign)));
        }
        if (event.readDepth() != null) {
            item.put(READ_DEPTH, n(event.readDepth()));
        }
        if (event.readDepthFrom() != null) {
            item.put(READ_DEPTH_FROM, n(event.readDepthFrom()));
        }
        BoxEventCodec.put(item, event.box());
        ArticleMeta meta = event.meta();
        if (meta != null && meta.url() != null) {
            item.put(ArticleMetaCodec.META, AttributeValue.fromM(ArticleMetaCodec.toMap(meta)));
        } else if (meta != null && meta.section() != null) {
            // Without a URL, only the section the page named is kept: beside the other attributes, not in a map of one.
            item.put(ArticleMetaCodec.SECTION_NAME, s(meta.section()));
        }
        return item;
    }

    public static TrackedEvent fromItem(Map<String, AttributeValue> item) {
        String articleId = string(item, ARTICLE);
        ArticleMeta meta = metaOf(articleId, item);
        Instant received = Instant.ofEpochMilli(item.containsKey(AT_MILLIS) ? number(item, AT_MILLIS)
                : loggedMillis(string(item, Keys.SK)) + number(item, RECEIVED_AFTER_LOGGED));
        String referrerClass = string(item, REFERRER_CLASS);
        String network = string(item, NETWORK);
        String country = string(item, COUNTRY);
        AttributeValue depth = item.get(READ_DEPTH);
        return new TrackedEvent(
                Keys.siteOfRawEvents(string(item, Keys.PK)),
                EventType.fromStoredCode(string(item, TYPE)),
                articleId,
                received,
                meta,
                string(item, VISITOR),
                (int) number(item, SKETCH_SLOT),
                flag(item, BOT),
                flag(item, REPEAT),
                string(item, REFERRER_HOST),
                referrerClass == null ? null : ReferrerClass.fromWire(referrerClass),
                (int) number(item, ENGAGED_SECONDS),
                network == null ? null : ShareNetwork.fromWire(network).orElse(null),
                null,
                received,
                deviceOf(item),
                country == null ? TrackedEvent.UNKNOWN_COUNTRY : country,
                campaignOf(item),
                depth == null ? null : (int) number(item, READ_DEPTH),
                item.get(READ_DEPTH_FROM) == null ? null : (int) number(item, READ_DEPTH_FROM),
                BoxEventCodec.read(item));
    }

    private static DeviceClass deviceOf(Map<String, AttributeValue> item) {
        String code = string(item, DEVICE);
        if (code == null) {
            return item.containsKey(AT_MILLIS) ? null : DEVICE_LEFT_OUT;
        }
        return DeviceClass.fromStoredCode(code).orElse(null);
    }

    private static Campaign campaignOf(Map<String, AttributeValue> item) {
        String joined = string(item, CAMPAIGN);
        if (joined != null) {
            return DimensionKind.campaignOf(joined);
        }
        String source = string(item, UTM_SOURCE);
        String medium = string(item, UTM_MEDIUM);
        String name = string(item, UTM_CAMPAIGN);
        return source == null && medium == null && name == null ? null : new Campaign(source, medium, name);
    }

    /** The time that begins a raw event's sort key ({@code epochMillis#...}), or null for a key of another shape. */
    private static Long loggedMillis(String sortKey) {
        int end = sortKey.indexOf('#');
        try {
            return end < 0 ? null : Long.parseLong(sortKey.substring(0, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The event's article metadata: from the codec's map, or only the section's name, kept beside the
     * other attributes (or, by events written before the codec, under its old name).
     */
    private static ArticleMeta metaOf(String articleId, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> m = ArticleMetaCodec.metaOf(item);
        ArticleMeta meta = m == null ? null : ArticleMetaCodec.fromMap(articleId, m);
        String sectionOnly = string(item, ArticleMetaCodec.SECTION_NAME);
        String legacySection = sectionOnly != null ? sectionOnly : string(item, ArticleMetaCodec.LEGACY_RAW_EVENT_SECTION);
        if (legacySection == null || (meta != null && meta.section() != null)) {
            return meta;
        }
        return meta == null ? new ArticleMeta(articleId, null, null, legacySection, null, null)
                : new ArticleMeta(articleId, meta.url(), meta.title(), legacySection, meta.publishedAt(), meta.image(), meta.authors(), meta.tags());
    }

    public static boolean isRawEvent(Map<String, AttributeValue> item) {
        String pk = string(item, Keys.PK);
        return pk != null && Keys.isRawEvent(pk);
    }

    private static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
