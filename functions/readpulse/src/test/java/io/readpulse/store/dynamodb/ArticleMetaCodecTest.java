package io.readpulse.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DayCounts;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.TrackedEvent;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One set of names for article metadata, and items stored in the shapes that came before it still read. */
class ArticleMetaCodecTest {
    static final Instant AT = Instant.parse("2026-11-29T10:30:00Z");
    static final ArticleMeta META = new ArticleMeta("a1", "https://news.example/a1", "Title", "World",
            Instant.parse("2026-11-29T06:00:00Z"), "https://news.example/a1.jpg");

    static Map<String, AttributeValue> rawEvent(ArticleMeta meta) {
        TrackedEvent event = new TrackedEvent("demo-news", EventType.VIEW, "a1", AT, meta, "visitor", 64, false, false, null,
                ReferrerClass.DIRECT, 0, null);
        return new HashMap<>(RawEventCodec.toItem(event, Keys.rawEvents("demo-news", AT, 3), "1", 0));
    }

    @Test
    void aRawEventKeepsItsMetadataInTheCodecsMap() {
        Map<String, AttributeValue> item = rawEvent(META);
        assertEquals(Set.of("u", "ti", "sn", "pub", "img"), item.get("m").m().keySet());
        assertFalse(item.containsKey(ArticleMetaCodec.LEGACY_RAW_EVENT_SECTION));
        assertEquals(META, RawEventCodec.fromItem(item).meta());

        ArticleMeta sectionOnly = new ArticleMeta("a1", null, null, "World", null, null);
        assertEquals(sectionOnly, RawEventCodec.fromItem(rawEvent(sectionOnly)).meta());
    }

    @Test
    void aRawEventStoredBeforeTheCodecStillReads() {
        // The old shape: the section's name beside the map, as "sc", and the map without it.
        Map<String, AttributeValue> old = rawEvent(META);
        Map<String, AttributeValue> oldMeta = new HashMap<>(old.get("m").m());
        oldMeta.remove("sn");
        old.put("m", AttributeValue.fromM(oldMeta));
        old.put("sc", AttributeValue.fromS("World"));
        assertEquals(META, RawEventCodec.fromItem(old).meta());

        Map<String, AttributeValue> sectionOnly = rawEvent(null);
        sectionOnly.put("sc", AttributeValue.fromS("World"));
        assertEquals(new ArticleMeta("a1", null, null, "World", null, null), RawEventCodec.fromItem(sectionOnly).meta());
    }

    @Test
    void aCounterItemInTheStoredShapeReads() {
        HyperLogLog sketch = new HyperLogLog(CounterKey.article("demo-news", LocalDate.parse("2026-11-29"), "a1").sketchPrecision());
        sketch.offerSlot(9);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("AD#demo-news#2026-11-29#3"));
        item.put("sk", AttributeValue.fromS("a1"));
        item.put("ver", AttributeValue.fromN("4"));
        item.put("v", AttributeValue.fromN("12"));
        item.put("r", AttributeValue.fromN("10"));
        item.put("hv", AttributeValue.fromM(Map.of("10", AttributeValue.fromN("12"))));
        item.put("dr", AttributeValue.fromL(java.util.List.of(AttributeValue.fromN("1.5"), AttributeValue.fromN("2.5"), AttributeValue.fromN("3.5"))));
        item.put("hll", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(sketch.toBytes())));
        item.put("sec", AttributeValue.fromS("world"));
        item.put("m", AttributeValue.fromM(Map.of("u", AttributeValue.fromS(META.url()), "ti", AttributeValue.fromS("Title"),
                "sn", AttributeValue.fromS("World"), "pub", AttributeValue.fromN(Long.toString(META.publishedAt().getEpochSecond())),
                "img", AttributeValue.fromS(META.image()))));
        CounterKey key = CounterKey.article("demo-news", LocalDate.parse("2026-11-29"), "a1");
        CounterState state = CounterItemMapper.fromItem(key, item);
        assertEquals(12, state.views());
        assertEquals(10, state.reads());
        assertEquals(12, state.hourlyViews(10));
        assertEquals(2.5, state.decayedReads(io.readpulse.aggregate.DecayWindow.ONE_DAY));
        assertEquals(1, state.visitors().estimate());
        assertEquals("world", state.sectionSlug());
        assertEquals(META, state.meta());
    }

    @Test
    void aCounterItemIsWrittenWithTheSameNamesAsBefore() {
        CounterKey key = CounterKey.article("demo-news", LocalDate.parse("2026-11-29"), "a1");
        CounterState state = new DayCounts.Builder(key.sketchPrecision()).views(1).reads(1).meta(META).sectionSlug("world").buildState();
        Map<String, AttributeValue> item = CounterItemMapper.toItem(key, state, 1, BatchLedger.empty(), 0);
        assertEquals(Set.of("pk", "sk", "ver", "ap", "ttl", "v", "r", "hll", "sec", "m"), item.keySet());
        assertEquals(Set.of("u", "ti", "sn", "pub", "img"), item.get("m").m().keySet());
        assertEquals(META, CounterItemMapper.fromItem(key, item).meta());
    }
}
