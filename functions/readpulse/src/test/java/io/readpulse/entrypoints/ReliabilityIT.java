package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.Admin;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.config.Environment;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.StreamPump;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Nothing acknowledged is lost, nothing is counted twice: engine crashes, replays. */
@Tag("faults")
class ReliabilityIT extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-28T22:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void replayRebuildsTheSameCountersFromRawEvents() {
        createSite("demo-news", "news.example");
        MutableClock clock = new MutableClock(START);
        CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        for (int i = 0; i < 600; i++) {
            String id = "story-" + (i % 17);
            String body = i % 5 == 4
                    ? "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"email\",\"article\":{\"id\":\"" + id + "\",\"url\":\"https://news.example/" + id + "\",\"section\":\"World\"}}"
                    : "{\"site\":\"demo-news\",\"type\":\"view\",\"referrer\":\"https://www.bing.com/\",\"article\":{\"id\":\"" + id
                    + "\",\"url\":\"https://news.example/" + id + "\",\"title\":\"Story " + (i % 17) + "\",\"section\":\"World\",\"publishedAt\":\"2026-11-28T20:00:00Z\"}}";
            assertEquals(202, collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "192.0.2." + (i % 97), "Mozilla/5.0 r" + (i % 97))).statusCode());
            clock.advance(Duration.ofSeconds(20));
        }
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4), new DynamoBatchMarkers(dynamo, table), clock));
        StreamPump.batches(new StreamPump(engine.streams(), dynamo, table).poll(), 100).forEach(aggregate::handle);
        Map<String, Map<String, AttributeValue>> before = comparableCounters();
        assertTrue(before.keySet().stream().anyMatch(key -> key.contains("2026-11-28")) && before.keySet().stream().anyMatch(key -> key.contains("2026-11-29")),
                "the traffic spans midnight, so carried-over scores are rebuilt too");

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = Admin.forEnvironment(environment(), java.time.Clock.fixed(START.plus(Duration.ofDays(2)), java.time.ZoneOffset.UTC), new PrintStream(output))
                .run("replay", "demo-news", "--from", "2026-11-28", "--to", "2026-11-29", "--yes");

        assertEquals(0, exit, output.toString());
        assertTrue(output.toString().contains("600 raw events"), output.toString());
        assertEquals(before, comparableCounters(), "counters rebuilt from raw events equal the live ones");
    }

    @Test
    void aCrashedEngineMeans503NeverA202AndEveryAcknowledgedEventIsCountedOnce() throws Exception {
        Path dataFile = Files.createTempFile(dataDir, "engine", ".db");
        try (Dynoxide crashing = Dynoxide.start(dataFile, Dynoxide.freePort())) {
            DynamoDbClient client = crashing.client();
            ReadpulseTable.create(client, table);
            Environment environment = new Environment(Map.of(Environment.TABLE_NAME, table,
                    Environment.DYNAMODB_ENDPOINT, crashing.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            assertEquals(0, Admin.forEnvironment(environment, new PrintStream(new ByteArrayOutputStream()))
                    .run("site", "create", "demo-news", "--domain", "news.example"));
            CollectHandler collect = new CollectHandler(environment);

            int requests = 1_200;
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            for (int i = 0; i < requests; i++) {
                int n = i;
                clients.submit(() -> {
                    String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"e-" + n + "\",\"url\":\"https://news.example/e-" + n
                            + "\",\"title\":\"Event " + n + "\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"}}";
                    HttpApiResponse response = collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "192.0.2." + (n % 200), "Mozilla/5.0 r" + n));
                    if (response.statusCode() == 202) {
                        acknowledged.add(n);
                    } else if (response.statusCode() == 503) {
                        unavailable.incrementAndGet();
                    } else {
                        throw new AssertionError("unexpected " + response.statusCode() + " " + response.body());
                    }
                    sent.incrementAndGet();
                });
            }
            while (sent.get() < requests / 3) {
                Thread.sleep(5);
            }
            crashing.kill();
            int ackedAtCrash = acknowledged.size();
            Thread.sleep(1500);
            int ackedWhileDown = acknowledged.size() - ackedAtCrash;
            crashing.restart();
            clients.shutdown();
            assertTrue(clients.awaitTermination(3, TimeUnit.MINUTES));

            assertTrue(unavailable.get() > 0, "requests during the outage were answered 503");
            assertTrue(ackedWhileDown <= 16, "at most the requests already in flight at the crash were acknowledged while down: " + ackedWhileDown);
            Set<Integer> stored = new HashSet<>();
            ReadpulseTable.itemsWithPrefix(client, table, "EV#").forEach(item -> stored.add(Integer.parseInt(item.get("a").s().substring(2))));
            assertTrue(stored.containsAll(acknowledged), "every acknowledged event is stored");

            AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(client, table, Duration.ofDays(400), 8),
                    new DynamoBatchMarkers(client, table), java.time.Clock.systemUTC()));
            List<ObjectNode> batches = StreamPump.batches(new StreamPump(crashing.streams(), client, table).poll(), 200);
            batches.forEach(aggregate::handle);
            aggregate.handle(batches.get(0));
            long views = new DynamoCounterStore(client, table, Duration.ofDays(400), 1)
                    .find(CounterKey.siteTotal("demo-news", LocalDate.now(java.time.ZoneOffset.UTC))).orElseThrow().views();
            assertEquals(stored.size(), views, "each stored event is counted exactly once, " + acknowledged.size() + " of them acknowledged");
        }
    }

    /** Counter items without their bookkeeping (version, ledger); decayed sums rounded. */
    private Map<String, Map<String, AttributeValue>> comparableCounters() {
        Map<String, Map<String, AttributeValue>> counters = new HashMap<>();
        ReadpulseTable.snapshot(dynamo, table).forEach((key, item) -> {
            if (key.startsWith("AD#") || key.startsWith("SD#")) {
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.remove("ver");
                copy.remove("ap");
                for (String decayed : List.of("dr", "ds", "de")) {
                    if (copy.containsKey(decayed)) {
                        copy.put(decayed, AttributeValue.fromL(copy.get(decayed).l().stream()
                                .map(value -> AttributeValue.fromS(String.format(java.util.Locale.ROOT, "%.6g", Double.parseDouble(value.n())))).toList()));
                    }
                }
                counters.put(key, copy);
            }
        });
        return counters;
    }
}
