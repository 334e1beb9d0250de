package io.readpulse.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A counter item's hours as bytes, its shares and referrer classes as number lists in a fixed order, and the maps written before. */
class CounterItemShapeTest {
    static final CounterKey KEY = CounterKey.article("news", LocalDate.parse("2026-12-01"), "story-1");

    @Test
    void sharesAndReferrerClassesAreListsWithoutNamesAndReadBack() {
        CounterState state = CounterState.builder(10)
                .share("facebook", 3).share("copy-link", 1)
                .referrerClass("search", 7).referrerClass("direct", 2)
                .referrerHost("google.com", 7)
                .buildState();
        Map<String, AttributeValue> item = CounterItemMapper.toItem(KEY, state, 1, BatchLedger.empty(), 0);

        assertTrue(item.get("sh").hasL(), "shares in ShareNetwork's order");
        assertEquals(List.of("3", "0", "0", "0", "0", "0", "0", "1"), item.get("sh").l().stream().map(AttributeValue::n).toList());
        assertEquals(List.of("7", "0", "0", "2"), item.get("rc").l().stream().map(AttributeValue::n).toList(), "trailing zeros cut");
        assertTrue(item.get("rh").hasM(), "hosts are open-ended: a map");
        CounterState read = CounterItemMapper.fromItem(KEY, item);
        assertEquals(state.shares(), read.shares());
        assertEquals(state.referrerClasses(), read.referrerClasses());
        assertEquals(state.referrerHosts(), read.referrerHosts());
    }

    @Test
    void hoursAreAMaskAndVarintsAndReadBack() {
        CounterState.Builder builder = CounterState.builder(10);
        long[] views = new long[24];
        for (int hour = 0; hour < 24; hour++) {
            views[hour] = hour == 3 ? 0 : hour * 997L;
            builder.hourlyViews(hour, views[hour]);
        }
        builder.hourlyReads(23, 5_000_000_000L).hourlyShares(0, 1);
        CounterState state = builder.buildState();
        Map<String, AttributeValue> item = CounterItemMapper.toItem(KEY, state, 1, BatchLedger.empty(), 0);

        assertTrue(item.get("hv").b() != null);
        assertEquals(3 + 15 * 2 + 7 * 3, item.get("hv").b().asByteArray().length,
                "hours 0 and 3 are zero; 997 to 15,952 take two bytes each (hours 1 to 16), 16,949 and more three (17 to 23)");
        assertEquals(3 + 5, item.get("hr").b().asByteArray().length);
        CounterState read = CounterItemMapper.fromItem(KEY, item);
        assertEquals(java.util.Arrays.toString(state.hourlyViews()), java.util.Arrays.toString(read.hourlyViews()));
        assertEquals(5_000_000_000L, read.hourlyReads()[23]);
        assertEquals(1, read.hourlyShares()[0]);
        assertEquals(null, item.get("he"), "no engaged seconds: no attribute");
    }

    @Test
    void aNameOutsideTheOrderKeepsTheMap() {
        AttributeValue stored = NamedCounts.write(Map.of("facebook", 2L, "mastodon", 1L), List.of("facebook", "x"));
        assertTrue(stored.hasM());
        assertEquals(Map.of("facebook", 2L, "mastodon", 1L), NamedCounts.read(stored, List.of("facebook", "x")));
    }

    @Test
    void theMapsOfItemsWrittenBeforeAreStillRead() {
        Map<String, AttributeValue> item = new HashMap<>(CounterItemMapper.key(KEY));
        item.put("sh", AttributeValue.fromM(Map.of("whatsapp", AttributeValue.fromN("4"))));
        item.put("rc", AttributeValue.fromM(Map.of("social", AttributeValue.fromN("9"), "other", AttributeValue.fromN("1"))));
        item.put("hr", AttributeValue.fromM(Map.of("07", AttributeValue.fromN("12"), "23", AttributeValue.fromN("3"))));

        CounterState read = CounterItemMapper.fromItem(KEY, item);

        assertEquals(Map.of("whatsapp", 4L), read.shares());
        assertEquals(Map.of("social", 9L, "other", 1L), read.referrerClasses());
        assertEquals(12, read.hourlyReads()[7]);
        assertEquals(3, read.hourlyReads()[23]);
    }
}
