package io.readpulse.bench;

import io.readpulse.aggregate.BatchAggregator;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DayCounters;
import io.readpulse.collect.Identifiers;
import io.readpulse.config.Environment;
import io.readpulse.entrypoints.ComputeTrendingHandler;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.Site;
import io.readpulse.model.TrackedEvent;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ComputeTrending job on a site with 50,000 active articles (DESIGN: ranked in under 2 seconds,
 * reading only the items it needs). Seeds a day and a half of counters through the aggregator's
 * own code (BatchAggregator, DynamoCounterStore): every article read today and yesterday, Zipf
 * popularity (exponent 1.0) over twelve sections, 100 stories breaking this morning, and two weeks
 * of history for the 2,000 most read (the rising baselines). Then runs the handler as the schedule
 * would, and reports its wall time, its calls and what the engine says they read.
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
    /** Reads a day of the most read article; article {@code r} (from 1) gets this divided by r, at least one. */
    static final int TOP_READS_PER_DAY = 20_000;

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Dynoxide engine = Dynoxide.start()) {
            DynamoDbClient setup = engine.client();
            String table = "readpulse-bench";
            ReadpulseTable.create(setup, table, false);
            Site site = new Site(SITE, "Bench News", List.of("news.example"), new byte[32]);
            new DynamoSiteStore(setup, table).save(site);

            long seedStart = System.nanoTime();
            int items = seed(new DynamoCounterStore(setup, table, Duration.ofDays(400), 16), articles);
            System.err.printf("seeded %d counter items in %.0f s%n", items, (System.nanoTime() - seedStart) / 1e9);

            Environment environment = new Environment(Map.of(Environment.TABLE_NAME, table,
                    Environment.DYNAMODB_ENDPOINT, engine.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            double[] wall = new double[runs];
            CapacityMeter meter = null;
            TrendingService.RunSummary summary = null;
            for (int run = -2; run < runs; run++) {
                meter = new CapacityMeter();
                ComputeTrendingHandler handler = new ComputeTrendingHandler(
                        ComputeTrendingHandler.wire(environment, engine.client(meter)), new MutableClock(NOW));
                long start = System.nanoTime();
                summary = handler.handle(Fixtures.event("compute-trending-schedule.json"));
                if (run >= 0) {
                    wall[run] = (System.nanoTime() - start) / 1e6;
                }
            }
            double[] ranking = rankingOnly(new DynamoCounterStore(setup, table, Duration.ofDays(400), 16), site, runs);
            Arrays.sort(wall);
            Arrays.sort(ranking);

            System.out.printf("%nComputeTrending on one site with %d active articles (Dynoxide, this machine), %d runs after 2 warm-ups%n", articles, runs);
            System.out.println("| measure | value |");
            System.out.println("|---|---:|");
            System.out.printf("| wall time per run, median (min-max) | %.0f ms (%.0f-%.0f) |%n", wall[runs / 2], wall[0], wall[runs - 1]);
            System.out.printf("| of which ranking in memory (no I/O), median | %.0f ms |%n", ranking[runs / 2]);
            System.out.printf("| articles ranked | %d |%n", summary.articlesRanked());
            System.out.printf("| lists written | %d |%n", summary.listsWritten());
            System.out.printf("| calls per run | %s |%n", meter.callsByOperation());
            System.out.printf("| read units per run (Query / BatchGetItem / GetItem) | %.0f / %.0f / %.0f |%n",
                    meter.sum("Query"), meter.sum("BatchGetItem"), meter.sum("GetItem"));
            System.out.printf("| write units per run (BatchWriteItem) | %.0f |%n", meter.sum("BatchWriteItem"));
            System.out.printf("| Scan calls | %d |%n", meter.calls("Scan"));
        }
    }

    /** The in-memory part of a run: signals and lists from counters already read. */
    private static double[] rankingOnly(DynamoCounterStore counters, Site site, int runs) {
        Map<LocalDate, Map<String, DayCounters>> recent = counters.rankingInputsOfDays(SITE, List.of(TODAY, TODAY.minusDays(1)));
        TrendingRanker ranker = new TrendingRanker(TrendingSettings.defaults());
        double[] millis = new double[runs];
        for (int run = -2; run < runs; run++) {
            long start = System.nanoTime();
            List<ArticleSignals> signals = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>(recent.get(TODAY).keySet());
            ids.addAll(recent.get(TODAY.minusDays(1)).keySet());
            for (String id : ids) {
                signals.add(ArticleSignals.of(id, recent.get(TODAY).get(id), recent.get(TODAY.minusDays(1)).get(id), TODAY, NOW));
            }
            ranker.rank(SITE, site.domains(), signals, Map.of(), List.of(), NOW);
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
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
            Map<CounterKey, DayCounters> deltas = new BatchAggregator().aggregate(events);
            items += counters.apply(deltas, "seed-" + day, Set.of(), NOW);
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
