package io.readpulse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.Admin;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.collect.CollectService;
import io.readpulse.entrypoints.AggregateHandler;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSaltStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.StreamPump;
import io.readpulse.testkit.WrittenItemsStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * 10,000 views of one article within one simulated second, through collect and the aggregator.
 * Reports the write units each partition-key value received. Conservatively, all of a key's writes
 * are counted as falling in that one second (the aggregator's writes in fact come later).
 *
 * <p>Run: {@code ./readpulse bench HotArticleBenchmark}
 */
public final class HotArticleBenchmark {
    public static void main(String[] args) {
        int views = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Instant start = Instant.parse("2026-11-29T12:00:00Z");
        try (Dynoxide engine = Dynoxide.start()) {
            KeyWriteMeter meter = new KeyWriteMeter();
            WrittenItemsStream stream = new WrittenItemsStream();
            DynamoDbClient setup = engine.client();
            DynamoDbClient measured = engine.client(meter, stream);
            String table = "readpulse-hot";
            ReadpulseTable.create(setup, table, false);
            Admin.sitesOnly(new DynamoSiteStore(setup, table), new PrintStream(new ByteArrayOutputStream()))
                    .run("site", "create", "bench-news", "--domain", "news.example");
            MutableClock clock = new MutableClock(start);
            CollectHandler collect = new CollectHandler(new CollectService(new DynamoSiteStore(measured, table),
                    new DynamoSaltStore(measured, table), new DynamoRawEventStore(measured, table, Duration.ofDays(7))), clock);
            String body = "{\"site\":\"bench-news\",\"type\":\"view\",\"article\":{\"id\":\"breaking\",\"url\":\"https://news.example/breaking\","
                    + "\"title\":\"Breaking story\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T11:50:00Z\"}}";
            for (int i = 0; i < views; i++) {
                clock.set(start.plusNanos(i * 1_000_000_000L / views));
                ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body), "10.1." + (i >> 8) + "." + (i & 255), "Mozilla/5.0 reader " + i);
                if (collect.handle(event).statusCode() != 202) {
                    throw new IllegalStateException("refused");
                }
            }
            clock.set(start.plusSeconds(1));
            AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(measured, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(measured, table), clock));
            StreamPump.batches(stream.drain(), 10_000).forEach(aggregate::handle);

            List<Map.Entry<String, DoubleAdder>> keys = meter.unitsByKey().entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, DoubleAdder> e) -> e.getValue().sum()).reversed()).toList();
            double total = keys.stream().mapToDouble(e -> e.getValue().sum()).sum();
            System.out.printf("%nHot article: %d views of one article in one simulated second%n", views);
            System.out.println("| partition key | write units |");
            System.out.println("|---|---:|");
            keys.stream().limit(5).forEach(e -> System.out.printf("| %s | %.0f |%n", e.getKey(), e.getValue().sum()));
            System.out.printf("%nkeys written: %d, write units in all: %.0f, the most on one key: %.0f (limit 1,000 per second)%n",
                    keys.size(), total, keys.get(0).getValue().sum());
        }
    }
}
