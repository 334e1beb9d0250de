package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Counts by name, stored as a list of numbers in a fixed order of names when every name is one of
 * them (trailing zeros cut), else as a map. A map pays for every name at every write of its item:
 * referrer classes as a map took 51 bytes of a busy article's item, as a list 15. The orders are
 * storage: names are only ever appended to them.
 */
final class NamedCounts {
    private NamedCounts() {
    }

    /** The counts as a list in {@code order} when it names them all, else as a map; null when there are none. */
    static AttributeValue write(Map<String, Long> counts, List<String> order) {
        if (counts.isEmpty()) {
            return null;
        }
        if (order.containsAll(counts.keySet())) {
            long[] values = new long[order.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = counts.getOrDefault(order.get(i), 0L);
            }
            return numbers(values);
        }
        Map<String, AttributeValue> map = new HashMap<>();
        counts.forEach((name, count) -> map.put(name, n(count)));
        return AttributeValue.fromM(map);
    }

    /** What {@link #write} wrote (either form), without the zeros; empty for null. */
    static Map<String, Long> read(AttributeValue value, List<String> order) {
        Map<String, Long> counts = new HashMap<>();
        if (value == null) {
            return counts;
        }
        if (value.hasM()) {
            value.m().forEach((name, count) -> counts.put(name, Long.parseLong(count.n())));
        } else if (value.hasL()) {
            List<AttributeValue> list = value.l();
            for (int i = 0; i < Math.min(order.size(), list.size()); i++) {
                long count = Long.parseLong(list.get(i).n());
                if (count != 0) {
                    counts.put(order.get(i), count);
                }
            }
        }
        return counts;
    }

    /** Numbers as a list, trailing zeros cut (at least one kept). */
    static AttributeValue numbers(long... values) {
        int length = values.length;
        while (length > 1 && values[length - 1] == 0) {
            length--;
        }
        List<AttributeValue> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            list.add(n(values[i]));
        }
        return AttributeValue.fromL(list);
    }

    /** The first {@code size} numbers of a list {@link #numbers} wrote; zeros where it is shorter or absent. */
    static long[] numbers(AttributeValue value, int size) {
        long[] numbers = new long[size];
        if (value != null && value.hasL()) {
            for (int i = 0; i < Math.min(size, value.l().size()); i++) {
                numbers[i] = Long.parseLong(value.l().get(i).n());
            }
        }
        return numbers;
    }
}
