package io.readpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.Admin;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.collect.CollectService;
import io.readpulse.entrypoints.AggregateHandler;
import io.readpulse.entrypoints.CollectHandler;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB write units per accepted event, every write of collect and aggregate counted, as the
 * engine reports them (ConsumedCapacity), on the traffic of issue 2: 200,000 events over 5,000
 * articles with Zipf popularity (exponent 1.1), arriving at 500 a second, aggregated in the batches
 * the template's stream mapping forms (10,000 records or 60 seconds, and Lambda's 6 MB payload).
 * The stream is played from the items collect wrote (Dynoxide's own stream slows quadratically at
 * this volume); the records are the JSON Lambda delivers. The same events also go through a counter-per-view design (three counter updates per event) for
 * comparison, measured the same way in the same run. Since issue 15 the traffic carries the newsroom
 * dimensions: 2 authors and 5 tags per article, a fifth of the events from campaigns, read depths
 * ({@link Traffic#withNewsroomDimensions}). Since 2026-12-01 readers come on phones, desktops and
 * tablets as news readers do ({@link Traffic#userAgentOf}), and browsers stamp their events 20 to
 * 400 ms before the collector receives them.
 *
 * <p>Run: {@code ./readpulse bench WriteCostBenchmark [events] [articles] [--box IMPRESSIONS,CLICKS]}, the last the
 * Trending box's share of the events in percent ({@link BoxTraffic}).
 */
public final class WriteCostBenchmark {
    static final String SITE = "bench-news";
    static final Instant START = Instant.parse("2026-11-29T09:00:00Z");
    static final int EVENTS_PER_SECOND = 500;
    static final int BATCH_SIZE = 10_000;
    static final Duration BATCH_WINDOW = Duration.ofSeconds(60);
    static final int LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    /** From a browser's stamp to the collector's clock: 20 to 400 ms, as measured latencies of beacons run. */
    static final int[] NETWORK_DELAY_MS = {20, 400};
    /** The counter-per-view design costs the same per event at any volume; its first events price it. */
    static final int BASELINE_EVENTS = 20_000;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        BoxTraffic box = BoxTraffic.fromArgs(args);
        ObjectMapper mapper = new ObjectMapper();
        try (Dynoxide engine = Dynoxide.start()) {
            CapacityMeter collectMeter = new CapacityMeter();
            WrittenItemsStream stream = new WrittenItemsStream();
            CapacityMeter aggregateMeter = new CapacityMeter();
            CapacityMeter baselineMeter = new CapacityMeter();
            DynamoDbClient setup = engine.client();
            DynamoDbClient collectClient = engine.client(collectMeter, stream);
            CounterItemSizes itemSizes = new CounterItemSizes();
            DynamoDbClient aggregateClient = engine.client(aggregateMeter, itemSizes);
            DynamoDbClient baselineClient = engine.client(baselineMeter);
            String table = "readpulse-bench";
            String baselineTable = "counter-per-view";
            ReadpulseTable.create(setup, table, false);
            ReadpulseTable.create(setup, baselineTable, false);
            Admin.sitesOnly(new DynamoSiteStore(setup, table), new PrintStream(new ByteArrayOutputStream()))
                    .run("site", "create", SITE, "--domain", "news.example");

            MutableClock clock = new MutableClock(START);
            CollectHandler collect = new CollectHandler(new CollectService(new DynamoSiteStore(collectClient, table),
                    new DynamoSaltStore(collectClient, table), new DynamoRawEventStore(collectClient, table, Duration.ofDays(7))), clock);
            AggregateHandler aggregate = new AggregateHandler(new AggregateService(
                    new DynamoCounterStore(aggregateClient, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(aggregateClient, table),
                    new DynamoActiveReaderStore(aggregateClient, table), clock));
            CounterPerViewDesign baseline = new CounterPerViewDesign(baselineClient, baselineTable);

            Traffic traffic = new Traffic(articles, 1.1, 80_000, 42).withNewsroomDimensions();
            Random networkDelay = new Random(7); // its own generator: the traffic stays the same event for event
            long accepted = 0;
            long viewsAndPingsSent = 0;
        long boxSent = 0;
            long wallStart = System.nanoTime();
            ArrayDeque<ObjectNode> pending = new ArrayDeque<>();
            List<Integer> batchSizes = new ArrayList<>();
            Instant windowStart = START;
            for (int i = 0; i < events; i++) {
                clock.set(START.plusMillis(i * 1000L / EVENTS_PER_SECOND));
                int article = traffic.nextArticle();
                int visitor = traffic.nextVisitor();
                // The browser stamps its event a little before the collector receives it, as over a real network.
                Instant sentAt = clock.instant().minusMillis(NETWORK_DELAY_MS[0] + networkDelay.nextInt(NETWORK_DELAY_MS[1] - NETWORK_DELAY_MS[0]));
                String boxBody = box.nextBody(traffic, SITE, article, traffic.nextArticle(), sentAt);
                double kind = boxBody != null ? 1 : traffic.nextDouble();
                String body = boxBody != null ? boxBody : traffic.eventBody(SITE, article, kind, sentAt);
                boxSent += boxBody != null ? 1 : 0;
                if (kind < 0.97) {
                    viewsAndPingsSent++;
                }
                ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body),
                        "10." + (visitor >> 16) + "." + ((visitor >> 8) & 255) + "." + (visitor & 255), Traffic.userAgentOf(visitor));
                if (collect.handle(event).statusCode() != 202) {
                    throw new IllegalStateException("collect refused " + body);
                }
                accepted++;
                if (i < BASELINE_EVENTS && boxBody == null) {
                    baseline.record(body, clock.instant());
                }
                // Lambda closes a batch at the batch size or when the window since its first record ends.
                boolean windowOver = !clock.instant().isBefore(windowStart.plus(BATCH_WINDOW));
                if ((i + 1) % 10_000 == 0) {
                    System.err.printf("%d events sent, %.0f s%n", i + 1, (System.nanoTime() - wallStart) / 1e9);
                }
                if ((i + 1) % 2_000 == 0 || windowOver || i == events - 1) {
                    pending.addAll(stream.drain());
                    while (pending.size() >= BATCH_SIZE || (!pending.isEmpty() && (windowOver || i == events - 1))) {
                        List<ObjectNode> batch = takeBatch(pending, mapper);
                        batchSizes.add(batch.size());
                        aggregate.handle(StreamPump.lambdaEvent(batch));
                        windowStart = clock.instant();
                        windowOver = false;
                    }
                }
            }
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            Map<String, AttributeValue> siteDay = setup.getItem(request -> request.tableName(table).key(Map.of(
                    "pk", AttributeValue.fromS("SD#" + SITE + "#" + LocalDate.ofInstant(START, ZoneOffset.UTC)), "sk", AttributeValue.fromS("*")))).item();
            long counted = number(siteDay, "v") + number(siteDay, "ep");

            double collectUnits = collectMeter.writeUnits();
            double aggregateUnits = aggregateMeter.writeUnits();
            double baselineUnits = baselineMeter.writeUnits();
            System.out.printf("%nWrite cost per accepted event (Dynoxide ConsumedCapacity), %d events, %d articles, Zipf 1.1, %d/s,"
                    + " 2 authors and 5 tags per article, 20%% of events from campaigns%s%n",
                    accepted, articles, EVENTS_PER_SECOND, box.describe());
            System.out.println("| design | write units | per event |");
            System.out.println("|---|---:|---:|");
            System.out.printf("| Readpulse: collect (raw events) | %.0f | %.3f |%n", collectUnits, collectUnits / accepted);
            System.out.printf("| Readpulse: aggregate (counters, active readers, batch markers, retries) | %.0f | %.3f |%n", aggregateUnits, aggregateUnits / accepted);
            System.out.printf("| **Readpulse total** | %.0f | **%.3f** |%n", collectUnits + aggregateUnits, (collectUnits + aggregateUnits) / accepted);
            System.out.printf("| floor: one durable write per request | %d | 1.000 |%n", accepted);
            long baselineEvents = Math.min(accepted, BASELINE_EVENTS);
            System.out.printf("| counter-per-view (3 UpdateItems per event, no raw log; first %d events) | %.0f | %.3f |%n",
                    baselineEvents, baselineUnits, baselineUnits / baselineEvents);
            System.out.printf("%nstream batches: %d (sizes %s)%naggregate calls: %s%n"
                            + "views and pings counted in site totals: %d of %d sent (shares count once per visitor and article: %d of %d)%nwall time %.1f s%n",
                    batchSizes.size(), summarize(batchSizes), aggregateMeter.callsByOperation(), counted, viewsAndPingsSent,
                    sumMap(siteDay, "sh"), accepted - viewsAndPingsSent - boxSent, seconds);
            if (box.any()) {
                System.out.printf("the box's impressions and clicks sent: %d%n", boxSent);
            }
            System.out.printf("%nWhere the aggregator's units go (units an item would need without the part: the part's share)%n");
            itemSizes.print();
        }
    }

    /** Takes the next batch as Lambda would form it: at most BATCH_SIZE records and at most 6 MB of JSON. */
    private static List<ObjectNode> takeBatch(ArrayDeque<ObjectNode> pending, ObjectMapper mapper) throws Exception {
        List<ObjectNode> batch = new ArrayList<>();
        long bytes = 20;
        while (!pending.isEmpty() && batch.size() < BATCH_SIZE) {
            long size = mapper.writeValueAsBytes(pending.peekFirst()).length + 1;
            if (bytes + size > LAMBDA_PAYLOAD_LIMIT) {
                break;
            }
            bytes += size;
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    private static String summarize(List<Integer> sizes) {
        if (sizes.size() <= 6) {
            return sizes.toString();
        }
        return sizes.subList(0, 3) + " ... " + sizes.subList(sizes.size() - 2, sizes.size());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }

    private static long sumMap(Map<String, AttributeValue> item, String name) {
        if (!item.containsKey(name)) {
            return 0;
        }
        // A map by name, or a list of numbers in a fixed order of names: either way the sum of its numbers.
        AttributeValue counts = item.get(name);
        return (counts.hasL() ? counts.l() : counts.m().values()).stream().mapToLong(v -> Long.parseLong(v.n())).sum();
    }


}
