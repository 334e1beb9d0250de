package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.admin.Admin;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.ReplayService;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.StreamPump;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A replay never loses history: it refuses days it cannot rebuild whole, shows what it would do,
 * asks before it rebuilds several days, and leaves the live counters as they were until every day
 * is rebuilt. The traffic is a few days before the real today, so that the raw events' TTL has not
 * passed; the admin command runs at a fixed time the day after it.
 */
@Tag("faults")
class ReplayIT extends RealEngineTest {
    static final LocalDate FIRST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);
    static final LocalDate SECOND_DAY = FIRST_DAY.plusDays(1);
    /** 23:20 on the first day: 200 events 20 seconds apart run past midnight into the second. */
    static final Instant START = FIRST_DAY.atTime(23, 20).toInstant(ZoneOffset.UTC);
    static final Instant NOW = SECOND_DAY.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
    static final int EVENTS = 200;

    private final Map<LocalDate, Integer> eventsPerDay = new HashMap<>();

    @BeforeEach
    void trafficAcrossMidnightAggregatedLive() {
        createSite("demo-news", "news.example");
        eventsPerDay.clear();
        MutableClock clock = new MutableClock(START);
        CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        for (int i = 0; i < EVENTS; i++) {
            String id = "story-" + (i % 17);
            String body = "{\"site\":\"demo-news\",\"type\":\"view\",\"referrer\":\"https://www.bing.com/\",\"article\":{\"id\":\"" + id
                    + "\",\"url\":\"https://news.example/" + id + "\",\"title\":\"Story " + (i % 17) + "\",\"section\":\"World\",\"publishedAt\":\""
                    + START.minus(Duration.ofHours(2)) + "\"}}";
            assertEquals(202, collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "192.0.2." + (i % 97), "Mozilla/5.0 r" + (i % 97))).statusCode());
            eventsPerDay.merge(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 1, Integer::sum);
            clock.advance(Duration.ofSeconds(20));
        }
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4), new DynamoBatchMarkers(dynamo, table), clock));
        StreamPump.batches(new StreamPump(engine.streams(), dynamo, table).poll(), 50).forEach(aggregate::handle);
        assertEquals(2, eventsPerDay.size(), "the traffic spans midnight");
    }

    @Test
    void aRangeBeyondTheRawEventRetentionIsRefusedAndNothingChanges() {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        Run beyond = admin("replay", "demo-news", "--from", FIRST_DAY.minusDays(5).toString(), "--to", SECOND_DAY.toString(), "--yes");
        Run notFinal = admin("replay", "demo-news", "--from", SECOND_DAY.toString(), "--to", SECOND_DAY.plusDays(1).toString(), "--yes");
        Run dryRunBeyond = admin("replay", "demo-news", "--from", FIRST_DAY.minusDays(30).toString(), "--to", FIRST_DAY.toString(), "--dry-run");

        assertEquals(2, beyond.exit(), beyond.output());
        assertTrue(beyond.output().contains("RAW_EVENT_RETENTION_DAYS"), beyond.output());
        assertEquals(2, notFinal.exit(), "a day that has not ended cannot be rebuilt whole: " + notFinal.output());
        assertEquals(2, dryRunBeyond.exit(), dryRunBeyond.output());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), "nothing was written");
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        Run dryRun = admin("replay", "demo-news", "--from", FIRST_DAY.toString(), "--to", SECOND_DAY.toString(), "--dry-run");

        assertEquals(0, dryRun.exit(), dryRun.output());
        for (LocalDate day : List.of(FIRST_DAY, SECOND_DAY)) {
            String line = String.format(Locale.ROOT, "  %-10s  %12d  %14d", day, eventsPerDay.get(day), counterItemsOf(before, day));
            assertTrue(dryRun.output().contains(line), "the plan shows " + day + "'s raw events and counter items:\n" + dryRun.output());
        }
        assertTrue(dryRun.output().contains("dry run: nothing was changed"), dryRun.output());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    @Test
    void severalDaysNeedYesWhileOneDayDoesNot() {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        Run unconfirmed = admin("replay", "demo-news", "--from", FIRST_DAY.toString(), "--to", SECOND_DAY.toString());

        assertEquals(2, unconfirmed.exit(), unconfirmed.output());
        assertTrue(unconfirmed.output().contains("--yes") && unconfirmed.output().contains(SECOND_DAY.toString()),
                "it says what it would do and how to confirm it: " + unconfirmed.output());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));

        Map<String, Map<String, AttributeValue>> liveCounters = comparableCounters();
        Run oneDay = admin("replay", "demo-news", "--from", SECOND_DAY.toString(), "--to", SECOND_DAY.toString());
        assertEquals(0, oneDay.exit(), oneDay.output());
        assertEquals(liveCounters, comparableCounters());
    }

    @Test
    void aReplayThatFailsHalfwayLeavesTheLiveCountersAsTheyWere() {
        Map<String, Map<String, AttributeValue>> before = countersOf(ReadpulseTable.snapshot(dynamo, table));
        AtomicInteger rebuiltWrites = new AtomicInteger();
        DynamoDbClient crashing = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put && put.item().get("pk").s().startsWith("RB#")
                        && rebuiltWrites.incrementAndGet() > 10) {
                    throw SdkClientException.create("injected: the replay crashed after 10 rebuilt counter items");
                }
            }
        });
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Admin admin = new Admin(new DynamoSiteStore(crashing, table), new ReplayService(
                new DynamoRawEventStore(crashing, table, Duration.ofDays(7)), new DynamoCounterStore(crashing, table, Duration.ofDays(400), 4),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7)), null, null, null, new PrintStream(output, true, StandardCharsets.UTF_8));

        int exit = admin.run("replay", "demo-news", "--from", FIRST_DAY.toString(), "--to", SECOND_DAY.toString(), "--yes");

        assertEquals(1, exit, output.toString(StandardCharsets.UTF_8));
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("the live counters are unchanged"), output.toString(StandardCharsets.UTF_8));
        Map<String, Map<String, AttributeValue>> after = ReadpulseTable.snapshot(dynamo, table);
        assertEquals(before, countersOf(after), "every live counter item is exactly as it was, version and ledger too");
        List<Map<String, AttributeValue>> abandoned = ReadpulseTable.itemsWithPrefix(dynamo, table, "RB#");
        assertEquals(10, abandoned.size(), "the rebuilt items written before the crash are apart from the live ones");
        assertTrue(abandoned.stream().allMatch(item -> Long.parseLong(item.get("ttl").n()) == NOW.plus(Duration.ofDays(2)).getEpochSecond()),
                "and expire by themselves");

        Map<String, Map<String, AttributeValue>> liveCounters = comparableCounters();
        Run again = admin("replay", "demo-news", "--from", FIRST_DAY.toString(), "--to", SECOND_DAY.toString(), "--yes");
        assertEquals(0, again.exit(), again.output());
        assertEquals(liveCounters, comparableCounters(), "the replay run again rebuilds the same counters");
        assertEquals(10, ReadpulseTable.itemsWithPrefix(dynamo, table, "RB#").size(), "a finished replay leaves none of its own rebuilt items");
    }

    @Test
    void aSwappedInDayLosesWhatItsRawEventsDoNotHoldAndMovesEveryVersionOn() {
        String ghostPartition = "AD#demo-news#" + SECOND_DAY + "#" + Math.floorMod("ghost".hashCode(), 8);
        dynamo.putItem(request -> request.tableName(table).item(Map.of("pk", AttributeValue.fromS(ghostPartition),
                "sk", AttributeValue.fromS("ghost"), "v", AttributeValue.fromN("1000"), "ver", AttributeValue.fromN("1"))));
        Map<String, Map<String, AttributeValue>> before = countersOf(ReadpulseTable.snapshot(dynamo, table));

        Run replay = admin("replay", "demo-news", "--from", SECOND_DAY.toString(), "--to", SECOND_DAY.toString());

        assertEquals(0, replay.exit(), replay.output());
        assertTrue(replay.output().contains("1 deleted"), replay.output());
        Map<String, Map<String, AttributeValue>> after = countersOf(ReadpulseTable.snapshot(dynamo, table));
        assertFalse(after.containsKey(ghostPartition + "|ghost"), "a counter no raw event backs is gone");
        after.forEach((key, item) -> {
            if (key.contains("#" + SECOND_DAY)) {
                long old = Long.parseLong(before.get(key).get("ver").n());
                assertEquals(old + 1, Long.parseLong(item.get("ver").n()), "a writer holding the old " + key + " cannot put it back");
                assertEquals(SECOND_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).plusDays(400).toEpochSecond(), Long.parseLong(item.get("ttl").n()),
                        "a swapped-in item keeps the live counters' TTL");
            } else {
                assertEquals(before.get(key), item, "days outside the range are untouched");
            }
        });
        assertTrue(ReadpulseTable.itemsWithPrefix(dynamo, table, "RB#").isEmpty());
    }

    @Test
    void aDayWithCountersButNoRawEventsLeftIsNotReplaced() {
        ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#").forEach(item ->
                dynamo.deleteItem(request -> request.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))));
        Map<String, Map<String, AttributeValue>> before = countersOf(ReadpulseTable.snapshot(dynamo, table));

        Run replay = admin("replay", "demo-news", "--from", FIRST_DAY.toString(), "--to", FIRST_DAY.toString());

        assertEquals(1, replay.exit(), replay.output());
        assertTrue(replay.output().contains("no raw events"), replay.output());
        assertEquals(before, countersOf(ReadpulseTable.snapshot(dynamo, table)));
    }

    private record Run(int exit, String output) {
    }

    private Run admin(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = Admin.forEnvironment(environment(), Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(output, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exit, output.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Map<String, AttributeValue>> countersOf(Map<String, Map<String, AttributeValue>> snapshot) {
        return snapshot.entrySet().stream().filter(entry -> entry.getKey().startsWith("AD#") || entry.getKey().startsWith("SD#"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long counterItemsOf(Map<String, Map<String, AttributeValue>> snapshot, LocalDate day) {
        return countersOf(snapshot).keySet().stream().filter(key -> key.contains("#" + day)).count();
    }

    /** Counter items without their bookkeeping (version, ledger); decayed sums rounded. */
    private Map<String, Map<String, AttributeValue>> comparableCounters() {
        Map<String, Map<String, AttributeValue>> counters = new HashMap<>();
        countersOf(ReadpulseTable.snapshot(dynamo, table)).forEach((key, item) -> {
            Map<String, AttributeValue> copy = new HashMap<>(item);
            copy.remove("ver");
            copy.remove("ap");
            for (String decayed : List.of("dr", "ds", "de")) {
                if (copy.containsKey(decayed)) {
                    copy.put(decayed, AttributeValue.fromL(copy.get(decayed).l().stream()
                            .map(value -> AttributeValue.fromS(String.format(Locale.ROOT, "%.6g", Double.parseDouble(value.n())))).toList()));
                }
            }
            counters.put(key, copy);
        });
        return counters;
    }
}
