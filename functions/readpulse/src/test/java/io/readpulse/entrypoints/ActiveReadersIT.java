package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.ActiveMinute;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import io.readpulse.testkit.StreamPump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Collect, the stream and Aggregate, then {@code now}: 32 minutes of traffic from 450 readers
 * (views, engagement pings and shares, and a bot), in batches that straddle minutes. The figures of
 * {@code now} come from the per-minute active-reader items and must be the exact distinct counts of
 * the raw events sent, within three standard errors of the sketches' HyperLogLog
 * (3 × 1.04 / √4096 = 4.9% at precision 12); its views are exact. A redelivered or bisected batch
 * changes none of those items, and a refresh reads at most 50 items, by key.
 */
class ActiveReadersIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SITE = "demo-news";
    static final Instant START = Instant.parse("2026-11-29T11:24:00Z");
    static final int MINUTES = 32;
    static final int READERS = 450;
    static final double THREE_SIGMA = 3 * 1.04 / Math.sqrt(1 << ActiveMinute.SITE_PRECISION);

    MutableClock clock;
    CollectHandler collect;
    StreamPump pump;
    /** The raw events sent by people (not the bot), as the test knows them: minute, reader, article, view or not. */
    final List<Sent> sent = new ArrayList<>();

    record Sent(Instant at, int reader, String article, boolean view) {
    }

    @BeforeEach
    void setUp() {
        createSite(SITE, "news.example");
        clock = new MutableClock(START);
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        pump = new StreamPump(engine.streams(), dynamo, table);
    }

    AggregateHandler aggregator() {
        return new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4),
                new DynamoBatchMarkers(dynamo, table), new DynamoActiveReaderStore(dynamo, table), clock));
    }

    @Test
    void nowIsTheDistinctCountOfTheRawEventsWithinTheSketchErrorAndReadsFewItems() {
        sendTraffic();
        List<ObjectNode> batches = StreamPump.batches(pump.poll(), 400);
        AggregateHandler aggregate = aggregator();
        batches.forEach(aggregate::handle);

        Instant at = START.plus(Duration.ofMinutes(MINUTES - 1)).plusSeconds(40);
        clock.set(at);
        AtomicInteger itemsAsked = new AtomicInteger();
        List<String> operations = new ArrayList<>();
        ReportsHandler reports = new ReportsHandler(environment(), engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(context.request().getClass().getSimpleName());
                if (context.request() instanceof BatchGetItemRequest batchGet) {
                    batchGet.requestItems().values().forEach(keys -> itemsAsked.addAndGet(keys.keys().size()));
                } else if (context.request() instanceof GetItemRequest get && !get.key().get("pk").s().startsWith("KEYS#")) {
                    itemsAsked.incrementAndGet(); // the editor's key is checked apart from the report
                }
            }
        }), clock);
        String key = ReportEvents.createKey(dynamo, table, Clock.systemUTC(), SITE);
        JsonNode now = json(reports.handle(ReportEvents.get(SITE, "now", key)));

        Instant since = at.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        assertEquals(since.toString(), now.get("since").asText());
        Set<Integer> activeNow = new HashSet<>();
        sent.stream().filter(event -> !event.at().isBefore(since)).forEach(event -> activeNow.add(event.reader()));
        assertWithinThreeSigma(activeNow.size(), now.get("readers").asLong(), "readers now");
        assertTrue(activeNow.size() > 300, "most readers were active in the last minutes: " + activeNow.size());

        JsonNode minutes = now.get("minutes");
        assertEquals(30, minutes.size());
        Map<Instant, Set<Integer>> readersByMinute = new TreeMap<>();
        Map<Instant, Long> viewsByMinute = new HashMap<>();
        for (Sent event : sent) {
            Instant minute = event.at().truncatedTo(ChronoUnit.MINUTES);
            readersByMinute.computeIfAbsent(minute, m -> new HashSet<>()).add(event.reader());
            viewsByMinute.merge(minute, event.view() ? 1L : 0L, Long::sum);
        }
        Instant first = at.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(29));
        for (int i = 0; i < 30; i++) {
            Instant minute = first.plus(Duration.ofMinutes(i));
            JsonNode point = minutes.get(i);
            assertEquals(minute.toString(), point.get("start").asText());
            assertWithinThreeSigma(readersByMinute.getOrDefault(minute, Set.of()).size(), point.get("readers").asLong(), "readers at " + minute);
            assertEquals(viewsByMinute.getOrDefault(minute, 0L), point.get("views").asLong(), "views at " + minute);
        }

        assertTrue(now.get("articles").size() > 0);
        assertTrue(operations.stream().noneMatch(operation -> operation.startsWith("Query") || operation.startsWith("Scan")), operations.toString());
        assertTrue(itemsAsked.get() <= 50, "a refresh asked for " + itemsAsked.get() + " items");
    }

    @Test
    void aRedeliveredOrBisectedBatchCountsOnce() {
        sendTraffic();
        List<ObjectNode> batches = StreamPump.batches(pump.poll(), 400);
        AggregateHandler aggregate = aggregator();
        batches.forEach(aggregate::handle);
        Map<String, Map<String, AttributeValue>> settled = activeReaderItems();
        assertTrue(settled.size() > MINUTES, "a minute item for each minute and a chart item for each ten");

        aggregate.handle(batches.get(3));
        assertEquals(settled, activeReaderItems(), "a redelivered batch must change no active-reader item");
        List<ObjectNode> records = new ArrayList<>();
        batches.get(5).get("Records").forEach(record -> records.add((ObjectNode) record));
        StreamPump.batches(records, 200).forEach(aggregate::handle);
        StreamPump.batches(records.subList(0, 200), 100).forEach(aggregate::handle);
        assertEquals(settled, activeReaderItems(), "the bisected halves of an applied batch must change no active-reader item");
    }

    /**
     * Each minute about a third of the readers are active: some view an article (a few of them
     * twice), some send engagement pings or share; a bot views an article every minute.
     */
    private void sendTraffic() {
        Random random = new Random(29);
        for (int minute = 0; minute < MINUTES; minute++) {
            Instant minuteStart = START.plus(Duration.ofMinutes(minute));
            for (int reader = 0; reader < READERS; reader++) {
                if (random.nextInt(3) != 0) {
                    continue;
                }
                String article = "article-" + (reader * 7 + minute / 5) % 60;
                int kind = random.nextInt(10);
                clock.set(minuteStart.plusMillis(random.nextInt(60_000)));
                if (kind < 6) {
                    send(reader, "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"" + article + "\",\"url\":\"https://news.example/"
                            + article + "\",\"title\":\"Story " + article + "\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"}}", article, true);
                } else if (kind < 9) {
                    send(reader, "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":15,\"article\":{\"id\":\"" + article
                            + "\",\"url\":\"https://news.example/" + article + "\"}}", article, false);
                } else {
                    send(reader, "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"x\",\"article\":{\"id\":\"" + article
                            + "\",\"url\":\"https://news.example/" + article + "\"}}", article, false);
                }
            }
            clock.set(minuteStart.plusSeconds(30));
            ObjectNode bot = Fixtures.asVisitor(Fixtures.collectEvent("{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"article-1\","
                    + "\"url\":\"https://news.example/article-1\",\"title\":\"Story article-1\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"}}"), "203.0.113.9", "Mozilla/5.0 (compatible; Googlebot/2.1)");
            assertEquals(202, collect.handle(bot).statusCode());
        }
    }

    private void send(int reader, String body, String article, boolean view) {
        ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body), ip(reader), "Mozilla/5.0 reader-" + reader);
        HttpApiResponse response = collect.handle(event);
        assertEquals(202, response.statusCode(), response.body());
        sent.add(new Sent(clock.instant(), reader, article, view));
    }

    private static String ip(int reader) {
        return "198.51." + (100 + reader / 250) + "." + (reader % 250);
    }

    private static void assertWithinThreeSigma(long exact, long estimate, String what) {
        assertTrue(Math.abs(estimate - exact) <= Math.max(1, exact * THREE_SIGMA),
                what + ": estimated " + estimate + " of " + exact + " (bound " + Math.round(THREE_SIGMA * 1000) / 10.0 + "%)");
    }

    private Map<String, Map<String, AttributeValue>> activeReaderItems() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        ReadpulseTable.snapshot(dynamo, table).forEach((key, item) -> {
            if (key.startsWith("AR#")) {
                items.put(key, item);
            }
        });
        return items;
    }

    private static JsonNode json(HttpApiResponse response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
