package io.readpulse.bench;

import io.readpulse.aggregate.BatchAggregator;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.CounterDelta;
import io.readpulse.aggregate.RankingInputs;
import io.readpulse.collect.Identifiers;
import io.readpulse.config.Environment;
import io.readpulse.entrypoints.ComputeTrendingHandler;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.Site;
import io.readpulse.model.TrackedEvent;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoRawEventStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.Keys;
import io.readpulse.testkit.Dynoxide;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.trending.ArticleSignals;
import io.readpulse.trending.TrendingRanker;
import io.readpulse.trending.TrendingService;
import io.readpulse.trending.TrendingSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The ComputeTrending job on a site with 50,000 active articles (DESIGN: ranked in under 2 seconds,
 * reading only the items it needs). Seeds a day and a half of counters through the aggregator's
 * own code (BatchAggregator, DynamoCounterStore): every article read today and yesterday, Zipf
 * popularity (exponent 1.0) over twelve sections, 100 stories breaking this morning, and two weeks
 * of history for the 2,000 most read (the rising baselines). Every article but the breaking ones is
 * described by its page, with {@value #AUTHORS_PER_ARTICLE} of {@value #AUTHORS} authors and
 * {@value #TAGS_PER_ARTICLE} of {@value #TAGS} tags, so the job writes author and tag lists too. Then runs the handler as the schedule
 * would: new instances (a full load each), and one instance kept warm through a quarter of an hour
 * of live traffic (raw events stored and aggregated between runs). Reports wall times, items read
 * and what the engine says the calls cost.
 *
 * <p>Run: {@code ./readpulse bench TrendingJobBenchmark [articles] [runs]}
 */
public final class TrendingJobBenchmark {
    static final String SITE = "bench-news";
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    static final int HISTORY_DAYS = 14;
    static final int ARTICLES_WITH_HISTORY = 2_000;
    static final int BREAKING = 100;
    static final int AUTHORS = 150;
    static final int AUTHORS_PER_ARTICLE = 2;
    static final int TAGS = 400;
    static final int TAGS_PER_ARTICLE = 5;
    /** About the seeded day's rate: 221,000 events in its first 12 hours. */
    static final int EVENTS_PER_MINUTE = 300;
    /** Reads a day of the most read article; article {@code r} (from 1) gets this divided by r, at least one. */
    static final int TOP_READS_PER_DAY = 20_000;

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (Dynoxide engine = Dynoxide.start()) {
            DynamoDbClient setup = engine.client();
            String table = "readpulse-bench";
            ReadpulseTable.create(setup, table, false);
            Site site = new Site(SITE, "Bench News", List.of("news.example"), new byte[32]);
            new DynamoSiteStore(setup, table).save(site);

            long seedStart = System.nanoTime();
            int items = seed(new DynamoCounterStore(setup, table, Duration.ofDays(400), 16), articles);
            System.err.printf("seeded %d counter items in %.0f s%n", items, (System.nanoTime() - seedStart) / 1e9);
            seedArticleRecords(new DynamoArticleStore(setup, table, Duration.ofDays(400)), articles);

            Environment environment = new Environment(Map.of(Environment.TABLE_NAME, table,
                    Environment.DYNAMODB_ENDPOINT, engine.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            MutableClock clock = new MutableClock(NOW);
            Run cold = null;
            double[] coldMillis = new double[runs];
            for (int run = -2; run < runs; run++) {
                cold = new Run(environment, engine, clock);
                cold.once();
                if (run >= 0) {
                    coldMillis[run] = cold.millis;
                }
            }

            // One instance kept warm by the schedule: a full load, then a minute of traffic before each run.
            Run warm = new Run(environment, engine, clock);
            warm.once();
            DynamoRawEventStore rawLog = new DynamoRawEventStore(setup, table, Duration.ofDays(7));
            DynamoCounterStore aggregator = new DynamoCounterStore(setup, table, Duration.ofDays(400), 8);
            Traffic traffic = new Traffic(articles, 1.0, 1_000_000, 7);
            Random random = new Random(7);
            int minutes = (int) (TrendingService.FULL_RELOAD_INTERVAL.toMinutes() - 1);
            double[] incrementalMillis = new double[minutes];
            long incrementalRead = 0;
            double incrementalReadUnits = 0;
            for (int minute = 0; minute < minutes; minute++) {
                List<TrackedEvent> events = new ArrayList<>();
                for (int i = 0; i < EVENTS_PER_MINUTE; i++) {
                    Instant at = clock.instant().plusMillis(i * 60_000L / EVENTS_PER_MINUTE);
                    events.add(event(traffic.nextArticle() + 1, false, TODAY, at, random, EventType.VIEW));
                }
                rawLog.append(events);
                AggregateService.applyDeltas(aggregator, new BatchAggregator().aggregate(events), "minute-" + minute, Set.of(), clock.instant());
                clock.advance(Duration.ofMinutes(1));
                double unitsBefore = warm.meter.readUnits();
                warm.once();
                incrementalMillis[minute] = warm.millis;
                incrementalRead += warm.summary.articlesRead();
                incrementalReadUnits += warm.meter.readUnits() - unitsBefore;
            }
            double[] ranking = rankingOnly(new DynamoCounterStore(setup, table, Duration.ofDays(400), 16), site, runs);
            double[] listing = keysOnly(setup, table, runs);
            long neededBytes = neededItemBytes(setup, table);
            long baselineBytes = itemBytes(setup, table, cold.baselineKeys);
            long recordBytes = itemBytes(setup, table, cold.recordKeys);
            // DynamoDB's price for reading those bytes, eventually consistent: half a unit per 4 KB.
            double floorUnits = Math.ceil((neededBytes + baselineBytes + recordBytes) / 4096.0) / 2;
            Arrays.sort(coldMillis);
            Arrays.sort(incrementalMillis);
            Arrays.sort(ranking);
            Arrays.sort(listing);

            System.out.printf("%nComputeTrending on one site with %d active articles (Dynoxide, this machine)%n", articles);
            System.out.println("| measure | value |");
            System.out.println("|---|---:|");
            System.out.printf("| full load (first run of an instance, and every %d minutes): wall time, median of %d (min-max) | %.0f ms (%.0f-%.0f) |%n",
                    TrendingService.FULL_RELOAD_INTERVAL.toMinutes(), runs, coldMillis[runs / 2], coldMillis[0], coldMillis[runs - 1]);
            System.out.printf("| full load: article items read, read units | %d, %.0f |%n", cold.summary.articlesRead(), cold.meter.readUnits());
            System.out.printf("| full load: read units, Query (today and yesterday) / BatchGetItem (rising baselines, site totals, article records) | %.0f / %.0f |%n",
                    cold.meter.sum("Query"), cold.meter.sum("BatchGetItem"));
            System.out.printf("| full load: items it needs: today's and yesterday's (%,d bytes), the rising candidates' earlier days (%,d items, %,d bytes), the descriptions of the articles it would list (%,d items, %,d bytes) |  |%n",
                    neededBytes, cold.baselineKeys.size(), baselineBytes, cold.recordKeys.size(), recordBytes);
            System.out.printf("| full load: floor, those bytes at half a unit per 4 KB | %.0f |%n", floorUnits);
            System.out.printf("| full load: read units / floor | %.2f |%n", cold.meter.readUnits() / floorUnits);
            System.out.printf("| full load: the engine alone listing the same items' keys (16 parallel keys-only Queries), median | %.0f ms |%n", listing[runs / 2]);
            System.out.printf("| full load: ranking in memory (no I/O), median | %.0f ms |%n", ranking[runs / 2]);
            System.out.printf("| warm runs, %d events a minute between runs: wall time, median of %d (max) | %.0f ms (%.0f) |%n",
                    EVENTS_PER_MINUTE, minutes, incrementalMillis[minutes / 2], incrementalMillis[minutes - 1]);
            System.out.printf("| warm runs: article items read, read units, per run (mean) | %d, %.0f |%n", incrementalRead / minutes, incrementalReadUnits / minutes);
            // Each changed article's item is under 4 KB: half a unit is the least a read of it costs.
            double warmFloor = incrementalRead / (double) minutes / 2;
            System.out.printf("| warm runs: floor, the changed articles' items at half a unit each; read units / floor | %.0f; %.2f |%n",
                    warmFloor, incrementalReadUnits / minutes / warmFloor);
            System.out.printf("| lists written per run, write units | %d, %.0f |%n", cold.summary.listsWritten(), cold.meter.sum("BatchWriteItem"));
            System.out.printf("| calls of a full load | %s |%n", cold.meter.callsByOperation());
            System.out.printf("| Scan calls | %d |%n", cold.meter.calls("Scan") + warm.meter.calls("Scan"));
        }
    }

    /** A handler instance and what its last run took. */
    private static final class Run {
        final CapacityMeter meter = new CapacityMeter();
        /** The article-day keys it asked for one by one (BatchGetItem): the rising baselines, and refreshed articles. */
        final Set<Map<String, AttributeValue>> baselineKeys = ConcurrentHashMap.newKeySet();
        /** The article records (descriptions) it asked for: of the articles a ranking would list. */
        final Set<Map<String, AttributeValue>> recordKeys = ConcurrentHashMap.newKeySet();
        final ComputeTrendingHandler handler;
        TrendingService.RunSummary summary;
        double millis;

        Run(Environment environment, Dynoxide engine, MutableClock clock) {
            ExecutionInterceptor keyRecorder = new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof BatchGetItemRequest batchGet) {
                        batchGet.requestItems().values().forEach(keys -> keys.keys().forEach(key -> {
                            if (key.get("pk").s().startsWith("AD#")) {
                                baselineKeys.add(key);
                            } else if (key.get("pk").s().startsWith("AM#")) {
                                recordKeys.add(key);
                            }
                        }));
                    }
                }
            };
            handler = new ComputeTrendingHandler(ComputeTrendingHandler.wire(environment, engine.client(meter, keyRecorder)), clock);
        }

        void once() {
            long start = System.nanoTime();
            summary = handler.handle(Fixtures.event("compute-trending-schedule.json"));
            millis = (System.nanoTime() - start) / 1e6;
        }
    }

    /**
     * What the engine alone takes to list the keys of the same items, with the same parallelism:
     * the floor under any job that looks at every active article once.
     */
    private static double[] keysOnly(DynamoDbClient dynamo, String table, int runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        double[] millis = new double[runs];
        try {
            for (int run = -1; run < runs; run++) {
                long start = System.nanoTime();
                List<Future<Long>> shards = new ArrayList<>();
                for (String partition : recentArticlePartitions()) {
                    shards.add(pool.submit(() -> dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("pk = :pk").projectionExpression("pk, sk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))).build()).items().stream().count()));
                }
                for (Future<Long> shard : shards) {
                    shard.get();
                }
                if (run >= 0) {
                    millis[run] = (System.nanoTime() - start) / 1e6;
                }
            }
        } finally {
            pool.shutdown();
        }
        return millis;
    }

    /**
     * The size of the items a full load truly needs: every article-day item of the site for today
     * and yesterday, whole, as DynamoDB bills whole items whatever the projection.
     */
    private static long neededItemBytes(DynamoDbClient dynamo, String table) {
        long bytes = 0;
        for (String partition : recentArticlePartitions()) {
            bytes += dynamo.queryPaginator(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition))).build())
                    .items().stream().mapToLong(KeyWriteMeter.ItemSize::bytes).sum();
        }
        return bytes;
    }

    /** The partitions of the site's article-day items of today and yesterday (Keys: AD#site#day#shard). */
    private static List<String> recentArticlePartitions() {
        List<String> partitions = new ArrayList<>();
        for (LocalDate day : List.of(TODAY, TODAY.minusDays(1))) {
            for (int shard = 0; shard < Keys.ARTICLE_DAY_SHARDS; shard++) {
                partitions.add("AD#" + SITE + "#" + day + "#" + shard);
            }
        }
        return partitions;
    }

    /** The whole size of these items (absent ones count nothing). */
    private static long itemBytes(DynamoDbClient dynamo, String table, Set<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> all = new ArrayList<>(keys);
        long bytes = 0;
        for (int start = 0; start < all.size(); start += 100) {
            List<Map<String, AttributeValue>> pending = all.subList(start, Math.min(all.size(), start + 100));
            while (!pending.isEmpty()) {
                List<Map<String, AttributeValue>> chunk = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(request -> request.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(chunk).build())));
                bytes += response.responses().getOrDefault(table, List.of()).stream().mapToLong(KeyWriteMeter.ItemSize::bytes).sum();
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
            }
        }
        return bytes;
    }

    /** The in-memory part of a run: signals and lists from counters already read. */
    private static double[] rankingOnly(DynamoCounterStore counters, Site site, int runs) {
        Map<LocalDate, Map<String, RankingInputs>> recent = counters.rankingInputsOfDays(SITE, List.of(TODAY, TODAY.minusDays(1)));
        TrendingRanker ranker = new TrendingRanker(TrendingSettings.defaults());
        Map<String, ArticleMeta> described = new HashMap<>();
        recent.values().forEach(day -> day.forEach((id, counts) -> {
            if (counts.meta() != null && counts.meta().title() != null) {
                described.put(id, withBylineAndTags(counts.meta()));
            }
        }));
        double[] millis = new double[runs];
        for (int run = -2; run < runs; run++) {
            long start = System.nanoTime();
            List<ArticleSignals> signals = new ArrayList<>();
            Set<String> ids = new HashSet<>(recent.get(TODAY).keySet());
            ids.addAll(recent.get(TODAY.minusDays(1)).keySet());
            for (String id : ids) {
                signals.add(ArticleSignals.of(id, recent.get(TODAY).get(id), recent.get(TODAY.minusDays(1)).get(id), TODAY, NOW));
            }
            ranker.rank(SITE, site.domains(), signals, Map.of(), List.of(), described, NOW);
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    /**
     * Every article as its page describes it, as the job's page reads leave them in steady state; the
     * breaking stories have none yet, so a first full load reads their records and tries their pages
     * (whose reserved domain fails at once: no page read costs time here).
     */
    private static void seedArticleRecords(DynamoArticleStore store, int articles) throws InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(16);
        for (int rank = 1; rank <= articles - BREAKING; rank++) {
            TrackedEvent view = event(rank, false, TODAY, NOW, new Random(rank), EventType.VIEW);
            writers.submit(() -> store.save(ArticleRecord.unknown(SITE, view.articleId())
                    .read(withBylineAndTags(view.meta()), ArticleRecord.Source.PAGE, NOW.minus(Duration.ofMinutes(5)), view.meta().url())));
        }
        writers.shutdown();
        writers.awaitTermination(1, TimeUnit.HOURS);
        System.err.printf("seeded %d article records%n", articles - BREAKING);
    }

    /** The description's authors and tags, the same for an article every time: spread over the pools by its id's hash. */
    private static ArticleMeta withBylineAndTags(ArticleMeta meta) {
        Random names = new Random(meta.id().hashCode());
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < AUTHORS_PER_ARTICLE; i++) {
            authors.add("Reporter " + names.nextInt(AUTHORS));
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < TAGS_PER_ARTICLE; i++) {
            tags.add("Topic " + names.nextInt(TAGS));
        }
        return new ArticleMeta(meta.id(), meta.url(), meta.title(), meta.section(), meta.publishedAt(), meta.image(), authors, tags);
    }

    /** Writes the counters through the aggregator's code, one day per batch; returns how many items. */
    private static int seed(DynamoCounterStore counters, int articles) {
        Random random = new Random(42);
        int items = 0;
        for (int back = HISTORY_DAYS; back >= 0; back--) {
            LocalDate day = TODAY.minusDays(back);
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            long seconds = back == 0 ? Duration.between(dayStart, NOW).toSeconds() : 86_400;
            int active = back <= 1 ? articles : Math.min(articles, ARTICLES_WITH_HISTORY);
            List<TrackedEvent> events = new ArrayList<>();
            for (int rank = 1; rank <= active; rank++) {
                boolean breaking = back == 0 && rank > active - BREAKING;
                int reads = Math.max(1, (int) Math.round(TOP_READS_PER_DAY * (seconds / 86_400.0) / rank));
                if (breaking) {
                    reads = 300;
                }
                for (int read = 0; read < reads; read++) {
                    // Breaking stories are read in the last two hours; the rest all day.
                    long at = breaking ? seconds - 1 - random.nextInt(7_200) : (long) (random.nextDouble() * seconds);
                    events.add(event(rank, breaking, day, dayStart.plusSeconds(at), random, EventType.VIEW));
                    if (random.nextDouble() < 0.3) {
                        events.add(event(rank, breaking, day, dayStart.plusSeconds(at + 15), random, EventType.ENGAGE));
                    }
                    if (random.nextDouble() < 0.02) {
                        events.add(event(rank, breaking, day, dayStart.plusSeconds(at + 30), random, EventType.SHARE));
                    }
                }
            }
            Map<CounterKey, CounterDelta> deltas = new BatchAggregator().aggregate(events);
            items += AggregateService.applyDeltas(counters, deltas, "seed-" + day, Set.of(), NOW);
            System.err.printf("seeded %s: %d events, %d items%n", day, events.size(), deltas.size());
        }
        return items;
    }

    private static TrackedEvent event(int rank, boolean breaking, LocalDate day, Instant at, Random random, EventType type) {
        String id = "story-" + rank;
        String section = Traffic.SECTIONS[rank % Traffic.SECTIONS.length];
        Instant published = breaking ? day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(9))
                : TODAY.minusDays(1 + rank % 5).atStartOfDay(ZoneOffset.UTC).toInstant();
        ArticleMeta meta = type == EventType.VIEW ? new ArticleMeta(id, "https://news.example/" + Identifiers.sectionSlug(section) + "/" + id,
                "Story number " + rank + " of the day, with a headline of ordinary length", section, published,
                "https://news.example/images/" + id + ".jpg") : new ArticleMeta(id, null, null, section, null, null);
        long visitor = random.nextLong();
        return new TrackedEvent(SITE, type, id, at, meta, Long.toHexString(visitor), HyperLogLog.slotOf(visitor), false, false,
                null, ReferrerClass.DIRECT, type == EventType.ENGAGE ? 15 : 0, type == EventType.SHARE ? ShareNetwork.X : null);
    }
}
