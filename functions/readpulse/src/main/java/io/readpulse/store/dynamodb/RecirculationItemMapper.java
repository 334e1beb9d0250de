package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.RecirculationCounts;
import io.readpulse.aggregate.RecirculationKey;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A site-day's recirculation item: short names, zeros left out, as every counter item, since its
 * size in kilobytes is what each write costs. Arrays by hour, shown entries and position are
 * sparse maps; lists, arms and articles are two maps of counts.
 */
final class RecirculationItemMapper {
    private static final String IMPRESSIONS = "im";
    private static final String CLICKS = "cl";
    private static final String BOTS = "b";
    private static final String HOURLY_IMPRESSIONS = "hi";
    private static final String HOURLY_CLICKS = "hc";
    private static final String LIST_IMPRESSIONS = "li";
    private static final String LIST_CLICKS = "lc";
    private static final String IMPRESSIONS_BY_ITEMS = "ni";
    private static final String CLICKS_BY_POSITION = "pc";
    private static final String ARM_IMPRESSIONS = "ai";
    private static final String ARM_CLICKS = "ac";
    private static final String CLICKED_ARTICLES = "ca";
    private static final String BOX_VIEWS = "bv";
    private static final String BOX_READS = "br";
    private static final String BOX_ENGAGED = "be";

    private RecirculationItemMapper() {
    }

    static Map<String, AttributeValue> key(RecirculationKey key) {
        return Map.of(Keys.PK, s(Keys.siteDay(key.site(), key.day())), Keys.SK, s(Keys.RECIRCULATION));
    }

    static Map<String, AttributeValue> toItem(RecirculationKey key, RecirculationCounts counts, long version, BatchLedger ledger, long ttl) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put(Keys.TTL, n(ttl));
        item.put(CounterItemMapper.VERSION, n(version));
        item.put(CounterItemMapper.LEDGER, ledger.toAttribute());
        putCount(item, IMPRESSIONS, counts.impressions());
        putCount(item, CLICKS, counts.clicks());
        putCount(item, BOTS, counts.bots());
        putArray(item, HOURLY_IMPRESSIONS, counts.hourlyImpressions(), 0);
        putArray(item, HOURLY_CLICKS, counts.hourlyClicks(), 0);
        putArray(item, IMPRESSIONS_BY_ITEMS, counts.impressionsByItems(), 1);
        putArray(item, CLICKS_BY_POSITION, counts.clicksByPosition(), 1);
        putTallies(item, LIST_IMPRESSIONS, LIST_CLICKS, counts.lists());
        putTallies(item, ARM_IMPRESSIONS, ARM_CLICKS, counts.arms());
        putCounts(item, CLICKED_ARTICLES, counts.clickedArticles());
        putCount(item, BOX_VIEWS, counts.boxViews());
        putCount(item, BOX_READS, counts.boxReads());
        putCount(item, BOX_ENGAGED, counts.boxEngagedSeconds());
        return item;
    }

    static RecirculationCounts fromItem(Map<String, AttributeValue> item) {
        return new RecirculationCounts(number(item, IMPRESSIONS), number(item, CLICKS), number(item, BOTS),
                array(item, HOURLY_IMPRESSIONS, 24, 0), array(item, HOURLY_CLICKS, 24, 0),
                tallies(item, LIST_IMPRESSIONS, LIST_CLICKS),
                array(item, IMPRESSIONS_BY_ITEMS, RecirculationCounts.POSITIONS, 1), array(item, CLICKS_BY_POSITION, RecirculationCounts.POSITIONS, 1),
                tallies(item, ARM_IMPRESSIONS, ARM_CLICKS), counts(item, CLICKED_ARTICLES),
                number(item, BOX_VIEWS), number(item, BOX_READS), number(item, BOX_ENGAGED));
    }

    private static void putCount(Map<String, AttributeValue> item, String name, long value) {
        if (value != 0) {
            item.put(name, n(value));
        }
    }

    /** A sparse array: index + {@code base} as the key, only the values that are not zero. */
    private static void putArray(Map<String, AttributeValue> item, String name, long[] values, int base) {
        Map<String, AttributeValue> sparse = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                sparse.put(Integer.toString(i + base), n(values[i]));
            }
        }
        if (!sparse.isEmpty()) {
            item.put(name, AttributeValue.fromM(sparse));
        }
    }

    private static long[] array(Map<String, AttributeValue> item, String name, int length, int base) {
        long[] values = new long[length];
        AttributeValue value = item.get(name);
        if (value != null && value.hasM()) {
            value.m().forEach((index, count) -> values[Integer.parseInt(index) - base] = Long.parseLong(count.n()));
        }
        return values;
    }

    private static void putCounts(Map<String, AttributeValue> item, String name, Map<String, Long> counts) {
        Map<String, AttributeValue> values = new HashMap<>();
        counts.forEach((key, count) -> {
            if (count != 0) {
                values.put(key, n(count));
            }
        });
        if (!values.isEmpty()) {
            item.put(name, AttributeValue.fromM(values));
        }
    }

    private static Map<String, Long> counts(Map<String, AttributeValue> item, String name) {
        Map<String, Long> counts = new TreeMap<>();
        AttributeValue value = item.get(name);
        if (value != null && value.hasM()) {
            value.m().forEach((key, count) -> counts.put(key, Long.parseLong(count.n())));
        }
        return counts;
    }

    private static void putTallies(Map<String, AttributeValue> item, String impressionsName, String clicksName,
                                   Map<String, RecirculationCounts.Tally> tallies) {
        Map<String, Long> impressions = new HashMap<>();
        Map<String, Long> clicks = new HashMap<>();
        tallies.forEach((key, tally) -> {
            impressions.put(key, tally.impressions());
            clicks.put(key, tally.clicks());
        });
        putCounts(item, impressionsName, impressions);
        putCounts(item, clicksName, clicks);
    }

    private static Map<String, RecirculationCounts.Tally> tallies(Map<String, AttributeValue> item, String impressionsName, String clicksName) {
        Map<String, Long> impressions = counts(item, impressionsName);
        Map<String, Long> clicks = counts(item, clicksName);
        Map<String, RecirculationCounts.Tally> tallies = new TreeMap<>();
        impressions.forEach((key, count) -> tallies.put(key, new RecirculationCounts.Tally(count, clicks.getOrDefault(key, 0L))));
        clicks.forEach((key, count) -> tallies.putIfAbsent(key, new RecirculationCounts.Tally(0, count)));
        return tallies;
    }
}
