package io.readpulse.bench;

import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.StreamRecord;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.TrackedEvent;
import io.readpulse.reports.NowReport;
import io.readpulse.reports.ReportService;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoReportStore;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What one refresh of {@code now} reads, before and after per-minute active readers, at a given
 * traffic: six minutes of events at N a second (Zipf over 5,000 articles, 60% views, 37% pings,
 * 3% shares, a reader pool of 160 × N, 1% bots), stored as collect stores them and folded by the
 * aggregator in the batches the stream mapping forms (10,000 records or 60 seconds). Then, at the
 * end of the sixth minute:
 *
 * <ul>
 *   <li><b>before</b>: the raw-event reading {@code now} did until it read active readers, kept
 *       here only for this comparison: a Query of each of the hour's 32 raw-event buckets from the
 *       window's first millisecond, distinct visitor keys of people counted in memory;
 *   <li><b>after</b>: the real {@code ReportService} run on {@code now}: a BatchGet of 6 minute items
 *       and at most 4 chart items, and of the shown articles' descriptions (and, for articles no page
 *       describes, today's counters).
 * </ul>
 *
 * Read units are the engine's ConsumedCapacity (eventually consistent reads); items are the items
 * a Query returned or a BatchGet/GetItem asked for. Also printed: the write units the active-reader
 * items add per event, and each figure against the exact count of the raw events.
 *
 * <p>Run: {@code ./readpulse bench NowBenchmark [events-per-second ...]} (default 100 1000)
 */
public final class NowBenchmark {
    static final String SITE = "bench-news";
    static final Instant START = Instant.parse("2026-11-29T09:30:00Z");
    static final int TRAFFIC_MINUTES = 6;
    static final int RAW_EVENT_BUCKETS = 32;

    public static void main(String[] args) throws Exception {
        List<Integer> rates = new ArrayList<>();
        for (String arg : args) {
            rates.add(Integer.parseInt(arg));
        }
        if (rates.isEmpty()) {
            rates = List.of(100, 1000);
        }
        List<String> rows = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        List<String> accuracy = new ArrayList<>();
        for (int rate : rates) {
            try (Dynoxide engine = Dynoxide.start()) {
                run(engine, rate, rows, writes, accuracy);
            }
        }
        System.out.printf("%nOne refresh of now (Dynoxide ConsumedCapacity, eventually consistent reads), %d minutes of traffic%n", TRAFFIC_MINUTES);
        System.out.println("| events/s | raw events in 5 min | before: items read | before: read units | after: items read | after: read units |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
        System.out.printf("%nWrite units of the active-reader items (each put's size, one unit per KB begun)%n");
        System.out.println("| events/s | events | minute puts | chart puts | mean minute bytes | write units | per event |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        writes.forEach(System.out::println);
        System.out.printf("%nReaders now against the exact distinct count of the raw events (people only)%n");
        System.out.println("| events/s | before: exact, last 5 min | after: estimate | exact, same minutes | error | 3σ at precision 12 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        accuracy.forEach(System.out::println);
    }

    private static void run(Dynoxide engine, int rate, List<String> rows, List<String> writes, List<String> accuracy) {
        String table = "readpulse-now-bench";
        DynamoDbClient setup = engine.client();
        ReadpulseTable.create(setup, table, false);
        ActiveWrites activeWrites = new ActiveWrites();
        DynamoDbClient aggregateClient = engine.client(activeWrites);
        MutableClock clock = new MutableClock(START);
        DynamoRawEventStore raw = new DynamoRawEventStore(setup, table, Duration.ofDays(7));
        AggregateService aggregate = new AggregateService(new DynamoCounterStore(aggregateClient, table, Duration.ofDays(400), 8),
                new DynamoBatchMarkers(aggregateClient, table), new DynamoActiveReaderStore(aggregateClient, table), clock);

        Traffic traffic = new Traffic(5_000, 1.1, 160 * rate, rate);
        int events = rate * 60 * TRAFFIC_MINUTES;
        int batchSize = Math.min(10_000, rate * 60);
        List<TrackedEvent> batch = new ArrayList<>(batchSize);
        List<TrackedEvent> chunk = new ArrayList<>();
        List<TrackedEvent> all = new ArrayList<>(events);
        long sequence = 0;
        for (int i = 0; i < events; i++) {
            Instant at = START.plusNanos(i * (1_000_000_000L / rate));
            clock.set(at);
            TrackedEvent event = event(traffic, at);
            all.add(event);
            chunk.add(event);
            batch.add(event);
            if (chunk.size() == 1_000) {
                raw.append(chunk);
                chunk.clear();
            }
            if (batch.size() == batchSize || i == events - 1) {
                raw.append(chunk);
                chunk.clear();
                List<StreamRecord> records = new ArrayList<>(batch.size());
                for (TrackedEvent folded : batch) {
                    sequence++;
                    records.add(new StreamRecord("event-" + sequence, Long.toString(sequence), folded));
                }
                aggregate.apply(records);
                batch.clear();
            }
        }
        Instant at = START.plus(Duration.ofMinutes(TRAFFIC_MINUTES)).minusMillis(1);
        clock.set(at);

        CapacityMeter beforeMeter = new CapacityMeter();
        ItemsRead beforeItems = new ItemsRead();
        Set<String> rawReaders = readRawEvents(engine.client(beforeMeter, beforeItems), table, at.minus(Duration.ofMinutes(5)), at.plusMillis(1));
        if (beforeItems.count() < rate * 300L - rate) {
            throw new IllegalStateException("the raw-event reading found " + beforeItems.count() + " items: are the keys those of Keys.rawEvents?");
        }

        CapacityMeter afterMeter = new CapacityMeter();
        ItemsRead afterItems = new ItemsRead();
        DynamoDbClient reports = engine.client(afterMeter, afterItems);
        ExecutorService reads = Executors.newFixedThreadPool(4);
        NowReport now;
        try {
            now = (NowReport) new ReportService(new DynamoCounterStore(reports, table, Duration.ZERO, 1), new DynamoReportStore(reports, table),
                    new DynamoArticleStore(reports, table, Duration.ZERO), new DynamoActiveReaderStore(reports, table), reads, clock)
                    .run(SITE, "now", Map.of());
        } finally {
            reads.shutdown();
        }

        long rawInWindow = all.stream().filter(event -> !event.occurredAt().isBefore(at.minus(Duration.ofMinutes(5)))).count();
        rows.add(String.format("| %,d | %,d | %,d | %.1f | %d | %.1f |", rate, rawInWindow, beforeItems.count(), beforeMeter.readUnits(),
                afterItems.count(), afterMeter.readUnits()));
        writes.add(String.format("| %,d | %,d | %d | %d | %d | %d | %.4f |", rate, events, activeWrites.minutePuts.get(), activeWrites.chartPuts.get(),
                activeWrites.minuteBytes.get() / Math.max(1, activeWrites.minutePuts.get()), activeWrites.units.get(),
                activeWrites.units.get() / (double) events));
        Set<String> exactSameMinutes = new HashSet<>();
        all.stream().filter(event -> !event.bot() && !event.occurredAt().isBefore(now.since())).forEach(event -> exactSameMinutes.add(event.visitorKey()));
        double error = (now.readers() - exactSameMinutes.size()) * 100.0 / exactSameMinutes.size();
        accuracy.add(String.format("| %,d | %,d | %,d | %,d | %+.2f%% | %.1f%% |", rate, rawReaders.size(), now.readers(), exactSameMinutes.size(), error,
                3 * 104.0 / 64));
    }

    /** One event of the traffic, as collect would store it: visitor key and sketch slot from the reader's number. */
    private static TrackedEvent event(Traffic traffic, Instant at) {
        int article = traffic.nextArticle();
        int visitor = traffic.nextVisitor();
        double kind = traffic.nextDouble();
        boolean bot = traffic.nextInt(100) == 0;
        String id = "story-" + article;
        String section = Traffic.SECTIONS[article % Traffic.SECTIONS.length];
        String url = "https://news.example/" + section.toLowerCase() + "/" + id;
        String visitorKey = Long.toHexString(mix(visitor)) + Long.toHexString(mix(visitor ^ 0x5555_5555_5555L));
        int slot = HyperLogLog.slotOf(mix(visitor * 31L + 7));
        if (kind < 0.60) {
            ArticleMeta meta = new ArticleMeta(id, url, "Story number " + article + " of the day, with a headline of ordinary length", section,
                    Instant.parse("2026-11-28T06:00:00Z"), "https://news.example/images/" + id + ".jpg");
            return new TrackedEvent(SITE, EventType.VIEW, id, at, meta, visitorKey, slot, bot, false, "www.google.com", ReferrerClass.SEARCH, 0, null);
        }
        ArticleMeta claim = new ArticleMeta(id, url, null, section, null, null);
        if (kind < 0.97) {
            return new TrackedEvent(SITE, EventType.ENGAGE, id, at, claim, visitorKey, slot, bot, false, null, null, 15, null);
        }
        return new TrackedEvent(SITE, EventType.SHARE, id, at, claim, visitorKey, slot, bot, false, null, null, 0, ShareNetwork.X);
    }

    private static long mix(long value) {
        long z = value * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The raw-event reading of {@code now} before active readers (DynamoReportStore.activity, as it
     * was): each bucket of each hour the window touches, from the window's first millisecond, four
     * attributes projected (the Query still reads and costs whole items). The distinct visitor keys
     * of people are what it reported.
     */
    static Set<String> readRawEvents(DynamoDbClient dynamo, String table, Instant from, Instant to) {
        Set<String> readers = new HashSet<>();
        for (Instant hour = from.truncatedTo(java.time.temporal.ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            for (int bucket = 0; bucket < RAW_EVENT_BUCKETS; bucket++) {
                dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                                .keyConditionExpression("pk = :pk AND sk >= :from")
                                .projectionExpression("#article, #visitor, #at, #bot")
                                .expressionAttributeNames(Map.of("#article", "a", "#visitor", "vk", "#at", "ts", "#bot", "b"))
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(rawEventPartition(SITE, hour, bucket)),
                                        ":from", AttributeValue.fromS(Long.toString(from.toEpochMilli())))).build())
                        .items().forEach(item -> {
                            boolean bot = item.containsKey("b") && Boolean.TRUE.equals(item.get("b").bool());
                            if (!bot && Long.parseLong(item.get("ts").n()) < to.toEpochMilli()) {
                                readers.add(item.get("vk").s());
                            }
                        });
            }
        }
        return readers;
    }

    /** {@code EV#site#yyyyMMddHH#bucket}, as Keys.rawEvents makes it. */
    static String rawEventPartition(String site, Instant hour, int bucket) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(hour.getEpochSecond(), 0, ZoneOffset.UTC);
        return String.format("EV#%s#%04d%02d%02d%02d#%02d", site, time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), bucket);
    }

    /** Items a Query returned, or a GetItem or BatchGetItem asked for. */
    static final class ItemsRead implements ExecutionInterceptor {
        private final AtomicLong items = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchGetItemRequest batchGet) {
                batchGet.requestItems().values().forEach(keys -> items.addAndGet(keys.keys().size()));
            } else if (context.request() instanceof GetItemRequest) {
                items.incrementAndGet();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse query) {
                items.addAndGet(query.count());
            }
        }

        long count() {
            return items.get();
        }
    }

    /** The aggregator's puts of active-reader items: how many, how big, and the units their sizes cost. */
    static final class ActiveWrites implements ExecutionInterceptor {
        final AtomicLong minutePuts = new AtomicLong();
        final AtomicLong chartPuts = new AtomicLong();
        final AtomicLong minuteBytes = new AtomicLong();
        final AtomicLong units = new AtomicLong();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutItemRequest put && put.item().get("pk").s().startsWith("AR#")) {
                long bytes = KeyWriteMeter.ItemSize.bytes(put.item());
                units.addAndGet(Math.max(1, (bytes + 1023) / 1024));
                if (put.item().get("sk").s().startsWith("m#")) {
                    minutePuts.incrementAndGet();
                    minuteBytes.addAndGet(bytes);
                } else {
                    chartPuts.incrementAndGet();
                }
            }
        }
    }
}
