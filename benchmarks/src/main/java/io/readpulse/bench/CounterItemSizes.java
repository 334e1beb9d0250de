package io.readpulse.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Where the aggregator's write units go: every counter item it puts, by kind (article, section, the
 * site as a whole, a minute of active readers and a chart item of them), with the units DynamoDB bills for its size (one per KB begun) and how many of
 * those its largest parts (the visitor sketch, the batch ledger) are responsible for.
 */
final class CounterItemSizes implements ExecutionInterceptor {
    private final Map<String, LongAdder[]> byKind = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutItemRequest put)) {
            return;
        }
        Map<String, AttributeValue> item = put.item();
        String pk = item.get("pk").s();
        String sk = item.get("sk").s();
        String kind = pk.startsWith("AD#") ? "article" : pk.startsWith("SD#")
                ? ("*".equals(sk) ? "site" : "box".equals(sk) ? "trending box" : sk.startsWith("dim:") ? sk : "section")
                : pk.startsWith("AR#") ? (sk.startsWith("m#") ? "active readers: minute" : "active readers: chart") : null;
        if (kind == null) {
            return;
        }
        long size = KeyWriteMeter.ItemSize.bytes(item);
        long ledger = part(item, "ap");
        // A minute of active readers keeps the site's sketch in "r" and its articles' sketches in "a".
        long sketch = pk.startsWith("AR#") ? part(item, "r") + part(item, "a") : part(item, "hll");
        long names = item.containsKey("m") ? part(item.get("m").m(), "au") + part(item.get("m").m(), "tg") : 0;
        long dimensions = part(item, "rt") + part(item, "vc") + part(item, "vd") + part(item, "vg");
        LongAdder[] totals = byKind.computeIfAbsent(kind, k -> adders());
        totals[0].increment();
        totals[1].add(size);
        totals[2].add(units(size));
        totals[3].add(units(size) - units(size - ledger));
        totals[4].add(units(size) - units(size - sketch));
        totals[5].add(units(size) - units(size - names));
        totals[6].add(units(size) - units(size - dimensions));
        totals[7].add(names + dimensions);
    }

    private static long part(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : KeyWriteMeter.ItemSize.bytes(Map.of(name, value));
    }

    private static long units(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[8];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    void print() {
        System.out.println("| counter items put | puts | mean bytes | write units | units over one per put | of which the ledger "
                + "| of which the sketch | of which authors and tags | of which dimensions | mean bytes of authors, tags and dimensions |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        new TreeMap<>(byKind).forEach((kind, totals) -> System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", kind,
                totals[0].sum(), totals[1].sum() / Math.max(1, totals[0].sum()), totals[2].sum(), totals[2].sum() - totals[0].sum(),
                totals[3].sum(), totals[4].sum(), totals[5].sum(), totals[6].sum(), totals[7].sum() / Math.max(1, totals[0].sum())));
    }
}
