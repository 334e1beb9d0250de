package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.StreamPump;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Collect, the stream and the aggregator together: counters equal what was sent, exactly once. */
class AggregateIT extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-29");
    static final int ARTICLES = 50;
    static final int VIEWS = 1000;
    static final int VISITORS = 300;

    MutableClock clock;
    CollectHandler collect;
    StreamPump pump;

    @BeforeEach
    void setUp() {
        createSite("demo-news", "news.example");
        clock = new MutableClock(START);
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        pump = new StreamPump(engine.streams(), dynamo, table);
    }

    AggregateHandler aggregator(DynamoDbClient client) {
        return new AggregateHandler(new AggregateService(new DynamoCounterStore(client, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(client, table), clock));
    }

    @Test
    void countersEqualWhatWasSentEvenWhenABatchComesTwiceOrBisected() {
        Expected expected = sendTraffic(0);
        List<ObjectNode> batches = StreamPump.batches(pump.poll(), 100);
        AggregateHandler aggregate = aggregator(dynamo);
        batches.forEach(aggregate::handle);
        expected.assertCounters();
        Map<String, Map<String, AttributeValue>> settled = counterItems();

        aggregate.handle(batches.get(3));
        assertEquals(settled, counterItems(), "a redelivered batch must change no count");

        StreamPump.batches(toList(batches.get(5)), 50).forEach(aggregate::handle);
        assertEquals(settled, counterItems(), "the bisected halves of an applied batch must change no count");
    }

    @Test
    void aBatchThatFailedHalfwayIsCountedOnceWhenRedelivered() {
        Expected expected = sendTraffic(0);
        List<ObjectNode> records = pump.poll();
        ObjectNode batch = StreamPump.lambdaEvent(records);
        AtomicInteger counterWrites = new AtomicInteger();
        DynamoDbClient failing = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put && !put.item().get("pk").s().startsWith("AGGB#")
                        && counterWrites.incrementAndGet() > 20) {
                    throw SdkClientException.create("injected fault after 20 counter writes");
                }
            }
        });

        assertThrows(RuntimeException.class, () -> aggregator(failing).handle(batch));
        assertTrue(counterWrites.get() > 20, "the fault struck mid-batch");

        aggregator(dynamo).handle(batch);
        expected.assertCounters();
        // Lambda may also bisect the failed batch: its halves must not add anything again.
        StreamPump.batches(records, (records.size() + 1) / 2).forEach(aggregator(dynamo)::handle);
        expected.assertCounters();
    }

    @Test
    void uniqueVisitorsComeFromTheSketchWithinAFewPercent() {
        Expected expected = sendTraffic(0);
        StreamPump.batches(pump.poll(), 250).forEach(aggregator(dynamo)::handle);
        CounterState site = counters(CounterKey.siteTotal("demo-news", DAY));
        long estimate = site.visitors().estimate();
        assertTrue(Math.abs(estimate - VISITORS) <= VISITORS * 0.05, "estimated " + estimate + " of " + VISITORS);
        assertEquals(expected.views.values().stream().mapToLong(Long::longValue).sum(), site.views());
    }

    private Expected sendTraffic(int seed) {
        Expected expected = new Expected();
        Set<String> visitorArticle = new HashSet<>();
        // A visitor's shares of an article count once a day, as their reads do.
        Set<String> visitorShared = new HashSet<>();
        for (int i = 0; i < VIEWS; i++) {
            int article = (i * 7 + seed) % ARTICLES;
            int visitor = (i * 13) % VISITORS;
            String id = "article-" + article;
            String section = article % 2 == 0 ? "World" : "Business";
            String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"referrer\":\"" + (i % 3 == 0 ? "https://t.co/x" : "") + "\","
                    + "\"article\":{\"id\":\"" + id + "\",\"url\":\"https://news.example/" + id + "\",\"title\":\"Story " + article
                    + "\",\"section\":\"" + section + "\",\"publishedAt\":\"2026-11-29T06:00:00Z\"}}";
            ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body), ip(visitor), "Mozilla/5.0 reader-" + visitor);
            assertEquals(202, collect.handle(event).statusCode());
            expected.views.merge(id, 1L, Long::sum);
            if (visitorArticle.add(visitor + "|" + id)) {
                expected.reads.merge(id, 1L, Long::sum);
            }
            if (i % 3 == 0) {
                expected.social.merge(id, 1L, Long::sum);
            }
            if (i % 10 == 0) {
                String share = "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"x\",\"article\":{\"id\":\"" + id
                        + "\",\"url\":\"https://news.example/" + id + "\",\"section\":\"" + section + "\"}}";
                assertEquals(202, collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(share), ip(visitor), "Mozilla/5.0 reader-" + visitor)).statusCode());
                if (visitorShared.add(visitor + "|" + id)) {
                    expected.shares.merge(id, 1L, Long::sum);
                }
                String engage = "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":15,\"article\":{\"id\":\"" + id
                        + "\",\"url\":\"https://news.example/" + id + "\"}}";
                assertEquals(202, collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(engage), ip(visitor), "Mozilla/5.0 reader-" + visitor)).statusCode());
                expected.engaged.merge(id, 15L, Long::sum);
            }
            clock.advance(Duration.ofMillis(1500));
        }
        return expected;
    }

    /** Every visitor its own address: one address counts as at most a few visitors (see VisitorKeys). */
    private static String ip(int visitor) {
        return "198.51." + (100 + visitor / 250) + "." + (visitor % 250);
    }

    private final class Expected {
        final Map<String, Long> views = new HashMap<>();
        final Map<String, Long> reads = new HashMap<>();
        final Map<String, Long> social = new HashMap<>();
        final Map<String, Long> shares = new HashMap<>();
        final Map<String, Long> engaged = new HashMap<>();

        void assertCounters() {
            long totalViews = 0;
            for (int article = 0; article < ARTICLES; article++) {
                String id = "article-" + article;
                CounterState counters = counters(CounterKey.article("demo-news", DAY, id));
                assertEquals(views.getOrDefault(id, 0L), counters.views(), id + " views");
                assertEquals(reads.getOrDefault(id, 0L), counters.reads(), id + " reads");
                assertEquals(social.getOrDefault(id, 0L), counters.referrerClasses().getOrDefault("social", 0L), id + " social referrals");
                assertEquals(shares.getOrDefault(id, 0L), counters.shares().getOrDefault("x", 0L), id + " shares");
                assertEquals(engaged.getOrDefault(id, 0L), counters.engagedSeconds(), id + " engaged seconds");
                assertEquals(views.getOrDefault(id, 0L), java.util.Arrays.stream(counters.hourlyViews()).sum(), id + " hourly views");
                assertEquals("Story " + article, counters.meta().title());
                totalViews += counters.views();
            }
            assertEquals(VIEWS, totalViews);
            CounterState site = counters(CounterKey.siteTotal("demo-news", DAY));
            assertEquals(VIEWS, site.views());
            assertEquals(shares.values().stream().mapToLong(Long::longValue).sum(), site.totalShares());
            CounterState world = counters(CounterKey.section("demo-news", DAY, "world"));
            assertEquals(VIEWS / 2, world.views());
        }
    }

    private CounterState counters(CounterKey key) {
        return new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 1).find(key)
                .orElseThrow(() -> new AssertionError("no counters for " + key));
    }

    private Map<String, Map<String, AttributeValue>> counterItems() {
        Map<String, Map<String, AttributeValue>> counters = new HashMap<>();
        ReadpulseTable.snapshot(dynamo, table).forEach((key, item) -> {
            if (key.startsWith("AD#") || key.startsWith("SD#")) {
                counters.put(key, item);
            }
        });
        return counters;
    }

    private static List<ObjectNode> toList(ObjectNode lambdaEvent) {
        List<ObjectNode> records = new java.util.ArrayList<>();
        lambdaEvent.get("Records").forEach(record -> records.add((ObjectNode) record));
        return records;
    }
}
