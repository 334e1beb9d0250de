package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.b;
import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.s;

import io.readpulse.aggregate.ActiveMinute;
import io.readpulse.aggregate.ActiveReaderStore;
import io.readpulse.aggregate.MinuteFigures;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.store.StoreUnavailableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Active readers in the table, under {@code AR#site#yyyyMMddHH}:
 *
 * <pre>
 * sk m#mm   one minute: ver, ap (the batch ledger, as counters keep it), v views, r the readers' sketch,
 *           a map of article id to 8 bytes of views and the article's sketch; about 3 to 7 KB when busy
 * sk c#t    the chart's ten minutes t0-t9: ver, u and v, lists of ten readers and views figures; a few hundred bytes
 * </pre>
 *
 * <p>A minute is applied once per batch exactly as a counter item is: read, merged, put on condition
 * that its version has not moved, with the batch and its ancestors looked up in its
 * {@link BatchLedger} first. A chart item takes each figure's maximum, so it needs no ledger: a
 * redelivered batch finds its minutes unchanged and raises nothing. Both expire two days after their
 * minute.
 */
public final class DynamoActiveReaderStore implements ActiveReaderStore {
    static final Duration RETENTION = Duration.ofDays(2);
    private static final String VERSION = "ver";
    private static final String LEDGER = "ap";
    private static final String VIEWS = "v";
    private static final String READERS = "r";
    private static final String ARTICLES = "a";
    private static final String CHART_READERS = "u";

    private final DynamoDbClient dynamo;
    private final String table;
    private final VersionedPuts versionedPuts;

    public DynamoActiveReaderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.versionedPuts = new VersionedPuts(dynamo, table, "could not write active readers");
    }

    @Override
    public int applyOnce(List<ActiveMinute> deltas, String batchId, Set<String> ancestorBatchIds, Instant now) {
        if (deltas.isEmpty()) {
            return 0;
        }
        Set<Long> applied = VersionedPuts.appliedFingerprints(batchId, ancestorBatchIds);
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> stored = byKey(read(deltas.stream().map(DynamoActiveReaderStore::minuteKey).toList(), true));
        int written = 0;
        Map<Map<String, AttributeValue>, Map<Instant, MinuteFigures>> charts = new LinkedHashMap<>();
        for (ActiveMinute delta : deltas) {
            Applied result = applyMinute(delta, stored.get(minuteKey(delta)), batchId, applied, now);
            written += result.written() ? 1 : 0;
            charts.computeIfAbsent(chartKey(delta.site(), delta.minute()), key -> new HashMap<>())
                    .put(delta.minute(), MinuteFigures.of(result.minute()));
        }
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> storedCharts = byKey(read(List.copyOf(charts.keySet()), true));
        for (Map.Entry<Map<String, AttributeValue>, Map<Instant, MinuteFigures>> chart : charts.entrySet()) {
            written += raiseChart(chart.getKey(), chart.getValue(), storedCharts.get(chart.getKey())) ? 1 : 0;
        }
        return written;
    }

    private record Applied(ActiveMinute minute, boolean written) {
    }

    private Applied applyMinute(ActiveMinute delta, Map<String, AttributeValue> item, String batchId, Set<Long> applied, Instant now) {
        Map<String, AttributeValue> current = item;
        for (int attempt = 0; attempt < VersionedPuts.MAX_ATTEMPTS; attempt++) {
            BatchLedger ledger = current == null ? BatchLedger.empty() : BatchLedger.from(current.get(LEDGER));
            if (ledger.containsAny(applied)) {
                return new Applied(minuteOf(delta.site(), delta.minute(), current), false);
            }
            ActiveMinute merged = current == null ? delta : minuteOf(delta.site(), delta.minute(), current).plus(delta);
            long version = current == null ? 0 : Attributes.number(current, VERSION);
            Map<String, AttributeValue> newItem = minuteItem(merged);
            newItem.put(VERSION, n(version + 1));
            newItem.put(LEDGER, ledger.prunedWith(batchId, now, DynamoCounterStore.LEDGER_HORIZON).toAttribute());
            if (put(newItem, version)) {
                return new Applied(merged, true);
            }
            current = read(List.of(minuteKey(delta)), true).stream().findFirst().orElse(null);
        }
        throw new StoreUnavailableException("active readers' minute kept changing under us: " + delta.site() + ' ' + delta.minute(), null);
    }

    /** @return whether the chart item was written (not when it already held figures as high) */
    private boolean raiseChart(Map<String, AttributeValue> key, Map<Instant, MinuteFigures> figures, Map<String, AttributeValue> item) {
        Instant anyMinute = figures.keySet().iterator().next();
        Instant spanStart = spanStart(anyMinute);
        String site = siteOfKey(key);
        Map<String, AttributeValue> current = item;
        for (int attempt = 0; attempt < VersionedPuts.MAX_ATTEMPTS; attempt++) {
            Map<Instant, MinuteFigures> stored = current == null ? Map.of() : chartOf(spanStart, current);
            Map<Instant, MinuteFigures> raised = new HashMap<>(stored);
            figures.forEach((minute, figure) -> raised.merge(minute, figure, MinuteFigures::max));
            if (raised.equals(stored)) {
                return false;
            }
            long version = current == null ? 0 : Attributes.number(current, VERSION);
            Map<String, AttributeValue> newItem = chartItem(site, spanStart, raised);
            newItem.put(VERSION, n(version + 1));
            if (put(newItem, version)) {
                return true;
            }
            current = read(List.of(key), true).stream().findFirst().orElse(null);
        }
        throw new StoreUnavailableException("active readers' chart kept changing under us: " + key, null);
    }

    /** A new item when {@code version} is 0, else on condition that its version has not moved. */
    private boolean put(Map<String, AttributeValue> item, long version) {
        return version == 0 ? versionedPuts.putIfAbsent(item) : versionedPuts.putIfVersion(item, version);
    }

    @Override
    public Map<Instant, ActiveMinute> minutes(String site, List<Instant> minutes) {
        Map<Map<String, AttributeValue>, Instant> wanted = new LinkedHashMap<>();
        minutes.forEach(minute -> wanted.put(minuteKey(site, minute), minute));
        Map<Instant, ActiveMinute> found = new HashMap<>();
        read(List.copyOf(wanted.keySet()), false).forEach(item -> {
            Instant minute = wanted.get(keyOf(item));
            found.put(minute, minuteOf(site, minute, item));
        });
        return found;
    }

    @Override
    public Map<Instant, MinuteFigures> figures(String site, Instant from, Instant to) {
        Map<Map<String, AttributeValue>, Instant> spans = new LinkedHashMap<>();
        for (Instant minute = from.truncatedTo(ChronoUnit.MINUTES); minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            spans.put(chartKey(site, minute), spanStart(minute));
        }
        Map<Instant, MinuteFigures> found = new HashMap<>();
        read(List.copyOf(spans.keySet()), false).forEach(item -> chartOf(spans.get(keyOf(item)), item).forEach((minute, figures) -> {
            if (!minute.isBefore(from) && minute.isBefore(to)) {
                found.put(minute, figures);
            }
        }));
        return found;
    }

    // --- items -----------------------------------------------------------------------------------

    private static Map<String, AttributeValue> minuteKey(ActiveMinute minute) {
        return minuteKey(minute.site(), minute.minute());
    }

    private static Map<String, AttributeValue> minuteKey(String site, Instant minute) {
        return Map.of(Keys.PK, s(Keys.activeReaders(site, minute)), Keys.SK, s(Keys.activeMinute(minute)));
    }

    private static Map<String, AttributeValue> chartKey(String site, Instant minute) {
        return Map.of(Keys.PK, s(Keys.activeReaders(site, minute)), Keys.SK, s(Keys.activeChart(minute, CHART_SPAN_MINUTES)));
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK));
    }

    private static String siteOfKey(Map<String, AttributeValue> key) {
        String partition = key.get(Keys.PK).s();
        return partition.substring(Keys.ACTIVE_READERS_PREFIX.length(), partition.lastIndexOf('#'));
    }

    private static Instant spanStart(Instant minute) {
        long epochMinute = minute.getEpochSecond() / 60;
        return Instant.ofEpochSecond((epochMinute - Math.floorMod(epochMinute, CHART_SPAN_MINUTES)) * 60);
    }

    private static long expiry(Instant minute) {
        return minute.plus(RETENTION).getEpochSecond();
    }

    /** Articles as 8 bytes of views then the sketch's own bytes: the smallest a minute's busiest articles can be. */
    static Map<String, AttributeValue> minuteItem(ActiveMinute minute) {
        Map<String, AttributeValue> item = new HashMap<>(minuteKey(minute));
        item.put(VIEWS, n(minute.views()));
        item.put(READERS, b(minute.readers().toBytes()));
        Map<String, AttributeValue> articles = new HashMap<>();
        minute.articles().forEach((id, article) -> {
            byte[] sketch = article.readers().toBytes();
            articles.put(id, b(ByteBuffer.allocate(8 + sketch.length).putLong(article.views()).put(sketch).array()));
        });
        if (!articles.isEmpty()) {
            item.put(ARTICLES, AttributeValue.fromM(articles));
        }
        item.put(Keys.TTL, n(expiry(minute.minute())));
        return item;
    }

    static ActiveMinute minuteOf(String site, Instant minute, Map<String, AttributeValue> item) {
        byte[] readers = Attributes.bytes(item, READERS);
        Map<String, ActiveMinute.Article> articles = new HashMap<>();
        AttributeValue stored = item.get(ARTICLES);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((id, value) -> {
                ByteBuffer bytes = ByteBuffer.wrap(value.b().asByteArray());
                long views = bytes.getLong();
                byte[] sketch = new byte[bytes.remaining()];
                bytes.get(sketch);
                articles.put(id, new ActiveMinute.Article(views, HyperLogLog.fromBytes(sketch)));
            });
        }
        return new ActiveMinute(site, minute, Attributes.number(item, VIEWS),
                readers == null ? new HyperLogLog(ActiveMinute.SITE_PRECISION) : HyperLogLog.fromBytes(readers), articles);
    }

    private static Map<String, AttributeValue> chartItem(String site, Instant spanStart, Map<Instant, MinuteFigures> figures) {
        Map<String, AttributeValue> item = new HashMap<>(chartKey(site, spanStart));
        List<AttributeValue> readers = new ArrayList<>(CHART_SPAN_MINUTES);
        List<AttributeValue> views = new ArrayList<>(CHART_SPAN_MINUTES);
        for (int i = 0; i < CHART_SPAN_MINUTES; i++) {
            MinuteFigures minute = figures.get(spanStart.plus(Duration.ofMinutes(i)));
            readers.add(n(minute == null ? 0 : minute.readers()));
            views.add(n(minute == null ? 0 : minute.views()));
        }
        item.put(CHART_READERS, AttributeValue.fromL(readers));
        item.put(VIEWS, AttributeValue.fromL(views));
        item.put(Keys.TTL, n(expiry(spanStart.plus(Duration.ofMinutes(CHART_SPAN_MINUTES)))));
        return item;
    }

    /** The minutes a chart item holds, leaving out those with neither readers nor views. */
    private static Map<Instant, MinuteFigures> chartOf(Instant spanStart, Map<String, AttributeValue> item) {
        List<AttributeValue> readers = item.get(CHART_READERS).l();
        List<AttributeValue> views = item.get(VIEWS).l();
        Map<Instant, MinuteFigures> figures = new HashMap<>();
        for (int i = 0; i < readers.size(); i++) {
            long minuteReaders = Long.parseLong(readers.get(i).n());
            long minuteViews = Long.parseLong(views.get(i).n());
            if (minuteReaders > 0 || minuteViews > 0) {
                Instant minute = spanStart.plus(Duration.ofMinutes(i));
                figures.put(minute, new MinuteFigures(minute, minuteReaders, minuteViews));
            }
        }
        return figures;
    }

    private List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> unique = List.copyOf(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int start = 0; start < unique.size(); start += BatchReads.LIMIT) {
            found.addAll(BatchReads.get(dynamo, table, unique.subList(start, Math.min(unique.size(), start + BatchReads.LIMIT)),
                    consistent, null, "could not read active readers"));
        }
        return found;
    }

    private static Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey(List<Map<String, AttributeValue>> items) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new HashMap<>();
        items.forEach(item -> found.put(keyOf(item), item));
        return found;
    }
}
