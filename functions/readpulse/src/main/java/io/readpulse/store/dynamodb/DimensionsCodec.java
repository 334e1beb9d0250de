package io.readpulse.store.dynamodb;

import io.readpulse.aggregate.DimensionKind;
import io.readpulse.aggregate.DimensionRow;
import io.readpulse.aggregate.Dimensions;
import io.readpulse.aggregate.ReadThrough;
import io.readpulse.model.DeviceClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A counter item's {@link Dimensions} as attributes, left out when empty:
 * <pre>
 * rt   [reached 25, 50, 75, 100]                       read-through (any item), trailing zeros cut
 * vc   {campaign key: views}  vg {country: views}      an article's views per value (campaigns by
 *                                                      DimensionKind.campaignKey; stored names before)
 * vd   [desktop, mobile, tablet, unknown]              an article's views per device, trailing zeros cut
 *                                                      ({device: views} before)
 * dm   {value: [views, reads, engaged s, shares, reached 25, 50, 75, 100]}   a dim: item's rows, trailing zeros cut
 * </pre>
 */
final class DimensionsCodec {
    static final String READ_THROUGH = "rt";
    static final String ROWS = "dm";
    /** The order of an article's device views in {@code vd}. */
    private static final List<String> DEVICES = List.of(DeviceClass.DESKTOP.wireName(), DeviceClass.MOBILE.wireName(),
            DeviceClass.TABLET.wireName(), DimensionKind.UNKNOWN);
    private static final Map<DimensionKind, String> VIEWS = Map.of(
            DimensionKind.CAMPAIGN, "vc", DimensionKind.DEVICE, "vd", DimensionKind.COUNTRY, "vg");

    private DimensionsCodec() {
    }

    static void put(Map<String, AttributeValue> item, Dimensions dimensions) {
        if (dimensions.isEmpty()) {
            return;
        }
        ReadThrough reached = dimensions.readThrough();
        if (!reached.isEmpty()) {
            item.put(READ_THROUGH, NamedCounts.numbers(reached.reached25(), reached.reached50(), reached.reached75(), reached.reached100()));
        }
        dimensions.views().forEach((kind, counts) -> {
            // Devices are few and fixed: a list in DEVICES' order. Campaigns and countries are open-ended: a map.
            AttributeValue stored = NamedCounts.write(counts, kind == DimensionKind.DEVICE ? DEVICES : List.of());
            if (stored != null) {
                item.put(VIEWS.get(kind), stored);
            }
        });
        if (!dimensions.rows().isEmpty()) {
            Map<String, AttributeValue> rows = new HashMap<>();
            dimensions.rows().forEach((value, row) -> {
                ReadThrough rowReached = row.readThrough();
                rows.put(value, NamedCounts.numbers(row.views(), row.reads(), row.engagedSeconds(), row.shares(),
                        rowReached.reached25(), rowReached.reached50(), rowReached.reached75(), rowReached.reached100()));
            });
            item.put(ROWS, AttributeValue.fromM(rows));
        }
    }

    static Dimensions read(Map<String, AttributeValue> item) {
        long[] reached = NamedCounts.numbers(item.get(READ_THROUGH), 4);
        Map<DimensionKind, Map<String, Long>> views = new EnumMap<>(DimensionKind.class);
        VIEWS.forEach((kind, name) -> {
            AttributeValue value = item.get(name);
            if (value != null && (value.hasM() || value.hasL())) {
                views.put(kind, NamedCounts.read(value, DEVICES));
            }
        });
        Map<String, DimensionRow> rows = new HashMap<>();
        AttributeValue stored = item.get(ROWS);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((value, list) -> {
                long[] row = NamedCounts.numbers(list, 8);
                rows.put(value, new DimensionRow(row[0], row[1], row[2], row[3], new ReadThrough(row[4], row[5], row[6], row[7])));
            });
        }
        if (reached[0] == 0 && reached[1] == 0 && reached[2] == 0 && reached[3] == 0 && views.isEmpty() && rows.isEmpty()) {
            return Dimensions.NONE;
        }
        return new Dimensions(new ReadThrough(reached[0], reached[1], reached[2], reached[3]), views, rows);
    }
}
