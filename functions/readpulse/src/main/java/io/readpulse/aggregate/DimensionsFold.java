package io.readpulse.aggregate;

import io.readpulse.model.TrackedEvent;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch's human events into the newsroom dimensions, beside {@link BatchAggregator}'s
 * counts: read-through milestones on the article, section and site items; an article's views per
 * campaign, device and country; and each site-day's {@code dim:} items, one per kind, which hold
 * every value's views, reads, engaged seconds, shares and read-through. Pure: no I/O.
 */
final class DimensionsFold {
    private static final int VIEWS = 0;
    private static final int READS = 1;
    private static final int ENGAGED = 2;
    private static final int SHARES = 3;

    private final Map<CounterKey, Counts> byKey = new LinkedHashMap<>();

    void view(TrackedEvent event, LocalDate day, CounterKey article, boolean read) {
        Counts articleCounts = counts(article);
        for (DimensionKind kind : DimensionKind.values()) {
            String value = kind.valueOf(event);
            if (value != null) {
                articleCounts.views.computeIfAbsent(kind, k -> new HashMap<>()).merge(value, 1L, Long::sum);
                long[] row = row(event, day, kind, value);
                row[VIEWS]++;
                row[READS] += read ? 1 : 0;
            }
        }
    }

    void engage(TrackedEvent event, LocalDate day, List<CounterKey> targets, int seconds) {
        ReadThrough reached = ReadThrough.ofPing(event.readDepthFrom(), event.readDepth());
        targets.forEach(key -> counts(key).add(reached));
        for (DimensionKind kind : DimensionKind.values()) {
            String value = kind.valueOf(event);
            if (value != null) {
                row(event, day, kind, value)[ENGAGED] += seconds;
                counts(dimensionKey(event, day, kind)).addReached(value, reached);
            }
        }
    }

    void share(TrackedEvent event, LocalDate day) {
        for (DimensionKind kind : DimensionKind.values()) {
            String value = kind.valueOf(event);
            if (value != null) {
                row(event, day, kind, value)[SHARES]++;
            }
        }
    }

    /** What the batch adds to the dimensions of {@code key}'s item; {@link Dimensions#NONE} when nothing. */
    Dimensions of(CounterKey key) {
        Counts counts = byKey.get(key);
        return counts == null ? Dimensions.NONE : counts.build();
    }

    /** The {@code dim:} items the batch touches, with what it adds to each. */
    Map<CounterKey, Dimensions> dimensionItems() {
        Map<CounterKey, Dimensions> items = new LinkedHashMap<>();
        byKey.forEach((key, counts) -> {
            if (DimensionKind.ofScope(key.scope()).isPresent() && key.kind() == CounterKey.Kind.SITE_DAY) {
                items.put(key, counts.build());
            }
        });
        return items;
    }

    private static CounterKey dimensionKey(TrackedEvent event, LocalDate day, DimensionKind kind) {
        return CounterKey.dimension(event.site(), day, kind);
    }

    private long[] row(TrackedEvent event, LocalDate day, DimensionKind kind, String value) {
        return counts(dimensionKey(event, day, kind)).rows.computeIfAbsent(value, v -> new long[4]);
    }

    private Counts counts(CounterKey key) {
        return byKey.computeIfAbsent(key, k -> new Counts());
    }

    private static final class Counts {
        ReadThrough readThrough = ReadThrough.NONE;
        final Map<DimensionKind, Map<String, Long>> views = new EnumMap<>(DimensionKind.class);
        final Map<String, long[]> rows = new HashMap<>();
        final Map<String, ReadThrough> rowsReached = new HashMap<>();

        void add(ReadThrough reached) {
            readThrough = readThrough.plus(reached);
        }

        void addReached(String value, ReadThrough reached) {
            if (!reached.isEmpty()) {
                rowsReached.merge(value, reached, ReadThrough::plus);
            }
            rows.computeIfAbsent(value, v -> new long[4]);
        }

        Dimensions build() {
            Map<String, DimensionRow> built = new HashMap<>();
            rows.forEach((value, row) -> built.put(value,
                    new DimensionRow(row[VIEWS], row[READS], row[ENGAGED], row[SHARES], rowsReached.getOrDefault(value, ReadThrough.NONE))));
            return new Dimensions(readThrough, views, built);
        }
    }
}
