package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.sketch.HyperLogLog;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link CounterState} as a DynamoDB item. Names are short and zero counts are left out, since a
 * counter item's size (in whole kilobytes) is what each update of it costs.
 */
final class CounterItemMapper {
    static final String VERSION = "ver";
    static final String LEDGER = "ap";
    private static final String VIEWS = "v";
    private static final String READS = "r";
    private static final String BOTS = "b";
    private static final String ENGAGED = "es";
    private static final String PINGS = "ep";
    private static final String SHARES = "sh";
    private static final String REFERRER_CLASSES = "rc";
    private static final String REFERRER_HOSTS = "rh";
    private static final String HOURLY_VIEWS = "hv";
    private static final String HOURLY_READS = "hr";
    private static final String HOURLY_ENGAGED = "he";
    private static final String HOURLY_SHARES = "hs";
    private static final String DECAYED_READS = "dr";
    private static final String DECAYED_SHARES = "ds";
    private static final String DECAYED_ENGAGED = "de";
    private static final String SKETCH = "hll";
    private static final String SECTION = ArticleMetaCodec.SECTION_SLUG;
    private static final String META = ArticleMetaCodec.META;
    /** The order of shares per network and of views per referrer class when stored as lists (see {@link NamedCounts}): append only. */
    private static final List<String> NETWORK_ORDER = Arrays.stream(ShareNetwork.values()).map(ShareNetwork::wireName).toList();
    private static final List<String> REFERRER_CLASS_ORDER = Arrays.stream(ReferrerClass.values()).map(ReferrerClass::wireName).toList();

    /** What ranking reads of an article-day item: see {@code CounterStore.rankingInputsOfDay}. */
    static final Projection RANKING_INPUTS = Projection.of(Keys.PK, Keys.SK, READS, HOURLY_READS,
            DECAYED_READS, DECAYED_SHARES, DECAYED_ENGAGED, SKETCH, SECTION, META);
    /** Reads and hourly reads only: the baseline of a trending candidate. */
    static final Projection READS_ONLY = Projection.of(Keys.PK, Keys.SK, READS, HOURLY_READS);

    private CounterItemMapper() {
    }

    static Map<String, AttributeValue> key(CounterKey key) {
        return switch (key.kind()) {
            case ARTICLE_DAY -> Map.of(Keys.PK, s(Keys.articleDay(key.site(), key.day(), key.scope())), Keys.SK, s(key.scope()));
            case SITE_DAY -> Map.of(Keys.PK, s(Keys.siteDay(key.site(), key.day())), Keys.SK, s(key.scope()));
        };
    }

    static Map<String, AttributeValue> toItem(CounterKey key, CounterState counters, long version, BatchLedger ledger, long ttlEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put(VERSION, n(version));
        item.put(LEDGER, ledger.toAttribute());
        item.put(Keys.TTL, n(ttlEpochSeconds));
        putCount(item, VIEWS, counters.views());
        putCount(item, READS, counters.reads());
        putCount(item, BOTS, counters.bots());
        putCount(item, ENGAGED, counters.engagedSeconds());
        putCount(item, PINGS, counters.engagePings());
        putCounts(item, SHARES, counters.shares(), NETWORK_ORDER);
        putCounts(item, REFERRER_CLASSES, counters.referrerClasses(), REFERRER_CLASS_ORDER);
        putCounts(item, REFERRER_HOSTS, counters.referrerHosts(), List.of());
        putHourly(item, HOURLY_VIEWS, counters.hourlyViews());
        putHourly(item, HOURLY_READS, counters.hourlyReads());
        putHourly(item, HOURLY_ENGAGED, counters.hourlyEngagedSeconds());
        putHourly(item, HOURLY_SHARES, counters.hourlyShares());
        putDecayed(item, DECAYED_READS, counters::decayedReads);
        putDecayed(item, DECAYED_SHARES, counters::decayedShares);
        putDecayed(item, DECAYED_ENGAGED, counters::decayedEngagedSeconds);
        item.put(SKETCH, Attributes.b(counters.visitors().toBytes()));
        if (counters.sectionSlug() != null) {
            item.put(SECTION, s(counters.sectionSlug()));
        }
        ArticleMeta meta = counters.meta();
        if (meta != null && meta.url() != null) {
            item.put(META, AttributeValue.fromM(ArticleMetaCodec.toMap(meta)));
        }
        DimensionsCodec.put(item, counters.dimensions());
        return item;
    }

    /** The item's state; attributes a projection left out read as zero or absent. */
    static CounterState fromItem(CounterKey key, Map<String, AttributeValue> item) {
        CounterState.Builder counters = CounterState.builder(key.sketchPrecision())
                .views(number(item, VIEWS))
                .reads(number(item, READS))
                .bots(number(item, BOTS))
                .engagedSeconds(number(item, ENGAGED))
                .engagePings(number(item, PINGS));
        NamedCounts.read(item.get(SHARES), NETWORK_ORDER).forEach(counters::share);
        NamedCounts.read(item.get(REFERRER_CLASSES), REFERRER_CLASS_ORDER).forEach(counters::referrerClass);
        NamedCounts.read(item.get(REFERRER_HOSTS), List.of()).forEach(counters::referrerHost);
        readHourly(item, HOURLY_VIEWS, counters::hourlyViews);
        readHourly(item, HOURLY_READS, counters::hourlyReads);
        readHourly(item, HOURLY_ENGAGED, counters::hourlyEngagedSeconds);
        readHourly(item, HOURLY_SHARES, counters::hourlyShares);
        for (DecayWindow window : DecayWindow.values()) {
            counters.decayedReads(window, decayedAt(item, DECAYED_READS, window));
            counters.decayedShares(window, decayedAt(item, DECAYED_SHARES, window));
            counters.decayedEngagedSeconds(window, decayedAt(item, DECAYED_ENGAGED, window));
        }
        byte[] sketch = Attributes.bytes(item, SKETCH);
        if (sketch != null) {
            counters.visitors(HyperLogLog.fromBytes(sketch));
        }
        counters.sectionSlug(string(item, SECTION));
        Map<String, AttributeValue> meta = ArticleMetaCodec.metaOf(item);
        if (meta != null) {
            counters.meta(ArticleMetaCodec.fromMap(key.scope(), meta));
        }
        counters.dimensions(DimensionsCodec.read(item));
        return counters.buildState();
    }

    static long version(Map<String, AttributeValue> item) {
        return number(item, VERSION);
    }

    static BatchLedger ledger(Map<String, AttributeValue> item) {
        return BatchLedger.from(item.get(LEDGER));
    }

    private static void putCount(Map<String, AttributeValue> item, String name, long value) {
        if (value != 0) {
            item.put(name, n(value));
        }
    }

    private static void putCounts(Map<String, AttributeValue> item, String name, Map<String, Long> counts, List<String> order) {
        AttributeValue stored = NamedCounts.write(counts, order);
        if (stored != null) {
            item.put(name, stored);
        }
    }

    /**
     * Hours as bytes: a 24-bit mask of the hours that have counts (hour 0 in the lowest bit), then
     * each of those counts as an unsigned varint: one byte for a count under 128, two under 16,384.
     * As a map of "00".."23" each hour paid for its two-character name, the number and a byte of
     * overhead at every write, and a busy article's item holds four such series.
     */
    private static void putHourly(Map<String, AttributeValue> item, String name, long[] hourly) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(3 + hourly.length);
        int mask = 0;
        for (int hour = 0; hour < hourly.length; hour++) {
            if (hourly[hour] != 0) {
                mask |= 1 << hour;
            }
        }
        if (mask == 0) {
            return;
        }
        bytes.write(mask);
        bytes.write(mask >>> 8);
        bytes.write(mask >>> 16);
        for (long count : hourly) {
            for (long rest = count; rest != 0; rest >>>= 7) {
                bytes.write((int) (rest & 0x7F) | (rest >>> 7 != 0 ? 0x80 : 0));
            }
        }
        item.put(name, Attributes.b(bytes.toByteArray()));
    }

    private interface HourlySetter {
        CounterState.Builder set(int hour, long value);
    }

    /** Reads {@link #putHourly}'s bytes, or the map of "00".."23" items were written with before. */
    private static void readHourly(Map<String, AttributeValue> item, String name, HourlySetter into) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return;
        }
        if (value.hasM()) {
            value.m().forEach((hour, count) -> into.set(Integer.parseInt(hour), Long.parseLong(count.n())));
            return;
        }
        byte[] bytes = value.b().asByteArray();
        int mask = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16;
        int position = 3;
        for (int hour = 0; hour < 24; hour++) {
            if ((mask & (1 << hour)) == 0) {
                continue;
            }
            long count = 0;
            int shift = 0;
            byte next;
            do {
                next = bytes[position++];
                count |= (long) (next & 0x7F) << shift;
                shift += 7;
            } while ((next & 0x80) != 0);
            into.set(hour, count);
        }
    }

    private interface DecayedReader {
        double value(DecayWindow window);
    }

    private static void putDecayed(Map<String, AttributeValue> item, String name, DecayedReader reader) {
        List<AttributeValue> values = new ArrayList<>();
        boolean any = false;
        for (DecayWindow window : DecayWindow.values()) {
            double value = reader.value(window);
            any |= value != 0;
            values.add(Attributes.decimal(value));
        }
        if (any) {
            item.put(name, AttributeValue.fromL(values));
        }
    }

    private static double decayedAt(Map<String, AttributeValue> item, String name, DecayWindow window) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL() || value.l().size() <= window.ordinal()) {
            return 0;
        }
        return Attributes.decimal(value.l().get(window.ordinal()));
    }

}
