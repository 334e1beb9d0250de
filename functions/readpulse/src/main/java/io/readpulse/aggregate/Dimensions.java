package io.readpulse.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.ToLongFunction;

/**
 * What a counter item holds of the newsroom dimensions. Immutable.
 *
 * @param readThrough page views that reached each read-depth milestone (article, section and site items)
 * @param views views per campaign, device class and country, at most {@value DimensionKind#ARTICLE_CAP}
 *     named values of each and the rest under {@value DimensionKind#OTHER} (article items; once
 *     {@link #capped}, campaigns by {@link DimensionKind#campaignKey})
 * @param rows each value's counts (a site-day's {@code dim:} items, one kind per item)
 */
public record Dimensions(ReadThrough readThrough, Map<DimensionKind, Map<String, Long>> views, Map<String, DimensionRow> rows) {
    public static final Dimensions NONE = new Dimensions(ReadThrough.NONE, Map.of(), Map.of());

    public Dimensions {
        EnumMap<DimensionKind, Map<String, Long>> copied = new EnumMap<>(DimensionKind.class);
        views.forEach((kind, counts) -> {
            if (!counts.isEmpty()) {
                copied.put(kind, Collections.unmodifiableMap(new TreeMap<>(counts)));
            }
        });
        views = Collections.unmodifiableMap(copied);
        rows = Collections.unmodifiableMap(new TreeMap<>(rows));
    }

    public boolean isEmpty() {
        return readThrough.isEmpty() && views.isEmpty() && rows.isEmpty();
    }

    /** The views of one kind, by value; empty when none were counted. */
    public Map<String, Long> views(DimensionKind kind) {
        return views.getOrDefault(kind, Map.of());
    }

    /** Everything of both added. */
    public Dimensions plus(Dimensions other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        EnumMap<DimensionKind, Map<String, Long>> summedViews = new EnumMap<>(DimensionKind.class);
        for (DimensionKind kind : DimensionKind.values()) {
            Map<String, Long> sum = new TreeMap<>(views(kind));
            other.views(kind).forEach((value, count) -> sum.merge(value, count, Long::sum));
            summedViews.put(kind, sum);
        }
        Map<String, DimensionRow> summedRows = new TreeMap<>(rows);
        other.rows.forEach((value, row) -> summedRows.merge(value, row, DimensionRow::plus));
        return new Dimensions(readThrough.plus(other.readThrough), summedViews, summedRows);
    }

    /**
     * Held to the item's caps: an article's views keep {@value DimensionKind#ARTICLE_CAP} values of
     * each kind by name (campaigns by {@link DimensionKind#campaignKey}), a {@code dim:} item its
     * kind's {@link DimensionKind#siteDayCap()}; the rest, fewest views first, are summed under
     * {@value DimensionKind#OTHER}.
     */
    public Dimensions capped(int viewsCap, int rowsCap) {
        EnumMap<DimensionKind, Map<String, Long>> cappedViews = new EnumMap<>(DimensionKind.class);
        views.forEach((kind, counts) -> cappedViews.put(kind,
                capped(kind == DimensionKind.CAMPAIGN ? DimensionKind.byCampaignKey(counts) : counts, viewsCap, Long::longValue, Long::sum)));
        return new Dimensions(readThrough, cappedViews, capped(rows, rowsCap, DimensionRow::views, DimensionRow::plus));
    }

    /** Keeps the {@code cap} values with the most views by name, and sums the rest under {@value DimensionKind#OTHER}. */
    static <V> Map<String, V> capped(Map<String, V> values, int cap, ToLongFunction<V> weight, BinaryOperator<V> sum) {
        long named = values.keySet().stream().filter(value -> !value.equals(DimensionKind.OTHER)).count();
        if (named <= cap) {
            return values;
        }
        List<Map.Entry<String, V>> entries = new ArrayList<>(values.entrySet());
        entries.removeIf(entry -> entry.getKey().equals(DimensionKind.OTHER));
        entries.sort(Comparator.<Map.Entry<String, V>>comparingLong(entry -> weight.applyAsLong(entry.getValue())).reversed()
                .thenComparing(Map.Entry::getKey));
        Map<String, V> kept = new TreeMap<>();
        V other = values.get(DimensionKind.OTHER);
        for (int i = 0; i < entries.size(); i++) {
            if (i < cap) {
                kept.put(entries.get(i).getKey(), entries.get(i).getValue());
            } else {
                other = other == null ? entries.get(i).getValue() : sum.apply(other, entries.get(i).getValue());
            }
        }
        kept.put(DimensionKind.OTHER, other);
        return kept;
    }
}
