package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.TrendingAdminCommands;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.trending.TrendingService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The scheduled job on real traffic through the real handlers: what each list holds, and why. */
class ComputeTrendingIT extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    static final Pipeline.Article RAISI = article("raisi-putin-moscow", "Raisi and Putin meet in Moscow", "Geopolitics & Foreign Policy", START.minus(Duration.ofHours(2)));
    static final Pipeline.Article OPEC = article("opec-output-cut", "OPEC agrees a deeper output cut", "Economy", START.minus(Duration.ofHours(5)));
    static final Pipeline.Article GAZA = article("gaza-ceasefire-talks", "Ceasefire talks resume in Cairo", "Geopolitics & Foreign Policy", START.minus(Duration.ofHours(1)));
    static final Map<String, String> TOP_24H = Map.of("mode", "top", "window", "24h", "limit", "50");

    Pipeline pipeline;

    @BeforeEach
    void site() {
        pipeline = new Pipeline(engine, dynamo, environment(), START);
        pipeline.createSite("demo-news", "news.example");
    }

    static Pipeline.Article article(String id, String title, String section, Instant publishedAt) {
        return new Pipeline.Article(id, "https://news.example/" + id, title, section, publishedAt);
    }

    private void readers(Pipeline.Article article, int count, String tag) {
        for (int i = 0; i < count; i++) {
            pipeline.view("demo-news", article, "198.51.100." + (i % 250), "Mozilla/5.0 " + tag + "-" + article.id() + "-" + i);
            pipeline.clock.advance(Duration.ofSeconds(2));
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void ranksEverySiteAndSectionByDecayedReadsWithSharesWeightedIn() {
        readers(RAISI, 6, "a");
        readers(OPEC, 8, "b");
        readers(GAZA, 5, "c");
        for (int i = 0; i < 3; i++) {
            pipeline.share("demo-news", GAZA, "whatsapp", "198.51.100." + i, "Mozilla/5.0 c-" + GAZA.id() + "-" + i);
        }
        pipeline.aggregate();
        pipeline.clock.advance(Duration.ofMinutes(1));

        TrendingService.RunSummary summary = pipeline.computeTrending();

        assertEquals(1, summary.sitesRanked());
        assertEquals(3, summary.articlesRanked());
        // The site and its two sections, three modes, three windows.
        assertEquals(3 * 3 * 3, summary.listsWritten());
        JsonNode top = pipeline.trending("demo-news", TOP_24H);
        assertEquals(List.of("gaza-ceasefire-talks", "opec-output-cut", "raisi-putin-moscow"), ids(top),
                "5 reads and 3 shares beat 8 reads, which beat 6");
        assertEquals(pipeline.clock.instant().toString(), top.get("generatedAt").asText());
        JsonNode first = top.get("items").get(0);
        assertEquals(1, first.get("rank").asInt());
        assertEquals("Ceasefire talks resume in Cairo", first.get("title").asText());
        assertEquals("https://news.example/gaza-ceasefire-talks", first.get("url").asText());
        assertEquals("Geopolitics & Foreign Policy", first.get("section").asText());
        assertEquals("geopolitics-foreign-policy", first.get("sectionSlug").asText());
        JsonNode why = first.get("breakdown");
        assertEquals(5, why.get("recentReads").asInt());
        assertEquals(5, why.get("visitors").asInt());
        assertEquals(1.0, why.get("floodFactor").asDouble());
        assertTrue(why.get("reads").asDouble() > 4.5 && why.get("reads").asDouble() <= 5, "decayed a little: " + why);
        assertTrue(why.get("shares").asDouble() > 2.7, why.toString());
        assertEquals(why.get("reads").asDouble() + 3 * why.get("shares").asDouble(), first.get("score").asDouble(), 0.02);

        JsonNode section = pipeline.trending("demo-news", Map.of("section", "geopolitics-foreign-policy", "window", "24h"));
        assertEquals(List.of("gaza-ceasefire-talks", "raisi-putin-moscow"), ids(section));
        assertEquals(List.of("opec-output-cut"), ids(pipeline.trending("demo-news", Map.of("section", "economy"))));
    }

    @Test
    void oneVisitorReloadingAnArticleAThousandTimesCountsAboutOnce() {
        // The flood reaches twenty collect instances in turn (Lambda scales out under it) and spans
        // twenty stream batches, so neither a collector's memory of recent views nor a batch catches all of it.
        Pipeline.Article flooded = article("flooded-story", "Reloaded a thousand times", "Economy", START.minus(Duration.ofHours(1)));
        pipeline.describe("demo-news", flooded);
        CollectHandler instance = pipeline.collect;
        for (int i = 0; i < 1000; i++) {
            if (i % 50 == 0) {
                pipeline.aggregate();
                instance = pipeline.anotherCollectInstance();
            }
            ObjectNode body = Pipeline.MAPPER.createObjectNode();
            body.put("site", "demo-news");
            body.put("type", "view");
            body.set("article", flooded.json());
            Pipeline.send(instance, body, "203.0.113.66", "Mozilla/5.0 reloader");
            pipeline.clock.advance(Duration.ofSeconds(3));
        }
        readers(OPEC, 3, "honest");
        pipeline.aggregate();

        pipeline.computeTrending();

        JsonNode top = pipeline.trending("demo-news", TOP_24H);
        assertEquals(List.of("opec-output-cut", "flooded-story"), ids(top), "three real readers beat one reloading visitor");
        JsonNode why = top.get("items").get(1).get("breakdown");
        assertTrue(why.get("recentReads").asInt() >= 10, "the flood got past the per-instance and per-batch guards: " + why);
        assertEquals(1, why.get("visitors").asInt());
        assertTrue(why.get("reads").asDouble() <= 1.5, "counted about once: " + why);
        assertTrue(why.get("floodFactor").asDouble() < 1, why.toString());
    }

    @Test
    void botsDoNotMoveTheList() {
        readers(RAISI, 2, "a");
        for (int i = 0; i < 50; i++) {
            pipeline.view("demo-news", OPEC, "192.0.2." + i, "Googlebot/2.1 (+http://www.google.com/bot.html) " + i);
        }
        pipeline.aggregate();
        pipeline.computeTrending();
        assertEquals(List.of("raisi-putin-moscow"), ids(pipeline.trending("demo-news", TOP_24H)));
    }

    @Test
    void oldArticlesLeaveTopAndFreshHoldsOnlyNewOnes() {
        Pipeline.Article lastWeek = article("last-week", "Published eight days ago", "Economy", START.minus(Duration.ofDays(8)));
        Pipeline.Article yesterday = article("yesterday", "Published thirty hours ago", "Economy", START.minus(Duration.ofHours(30)));
        readers(lastWeek, 9, "a");
        readers(yesterday, 6, "b");
        readers(RAISI, 3, "c");
        pipeline.aggregate();
        pipeline.computeTrending();

        assertEquals(List.of("yesterday", "raisi-putin-moscow"), ids(pipeline.trending("demo-news", TOP_24H)),
                "older than the 168-hour top age: gone, however read");
        assertEquals(List.of("raisi-putin-moscow"), ids(pipeline.trending("demo-news", Map.of("mode", "fresh"))),
                "fresh holds only the last 24 hours' articles");
    }

    @Test
    void editorsPinAndExcludeUntilTheExpiry() {
        readers(RAISI, 5, "a");
        readers(OPEC, 4, "b");
        readers(GAZA, 1, "c");
        pipeline.aggregate();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TrendingAdminCommands admin = new TrendingAdminCommands(new DynamoSiteStore(dynamo, table),
                new DynamoTrendingStore(dynamo, table), pipeline.clock, new PrintStream(printed));
        assertEquals(0, admin.run(List.of("pin", "demo-news", "gaza-ceasefire-talks", "--for", "2h")));
        assertEquals(0, admin.run(List.of("exclude", "demo-news", "raisi-putin-moscow", "--for", "30m")));
        assertEquals(0, admin.run(List.of("pin", "demo-news", "opec-output-cut", "--section", "economy", "--for", "1d")));

        pipeline.computeTrending();
        JsonNode top = pipeline.trending("demo-news", TOP_24H);
        assertEquals(List.of("gaza-ceasefire-talks", "opec-output-cut"), ids(top));
        assertTrue(top.get("items").get(0).get("pinned").asBoolean());
        assertFalse(top.get("items").get(1).get("pinned").asBoolean());
        assertEquals(List.of("gaza-ceasefire-talks"), ids(pipeline.trending("demo-news", Map.of("section", "geopolitics-foreign-policy"))),
                "a site-wide exclusion holds in every section");
        assertTrue(pipeline.trending("demo-news", Map.of("section", "economy")).get("items").get(0).get("pinned").asBoolean());

        pipeline.clock.advance(Duration.ofMinutes(45));
        pipeline.computeTrending();
        assertEquals(List.of("gaza-ceasefire-talks", "raisi-putin-moscow", "opec-output-cut"), ids(pipeline.trending("demo-news", TOP_24H)),
                "the exclusion expired; the pin has not");

        pipeline.clock.advance(Duration.ofHours(2));
        pipeline.computeTrending();
        assertEquals(List.of("raisi-putin-moscow", "opec-output-cut", "gaza-ceasefire-talks"), ids(pipeline.trending("demo-news", TOP_24H)));

        assertEquals(0, admin.run(List.of("list", "demo-news")));
        assertTrue(printed.toString().contains("pin\tsection economy\topec-output-cut"), printed.toString());
        assertEquals(2, admin.run(List.of("pin", "demo-news", "opec-output-cut")), "an expiry is required");
        assertEquals(2, admin.run(List.of("pin", "no-such-site", "opec-output-cut", "--for", "1h")));
        assertEquals(2, admin.run(List.of("pin", "demo-news", "opec-output-cut", "--for", "365d")));
    }

    @Test
    void laterRunsReadOnlyTheArticlesThatChangedAndRankAsAFullReadWould() {
        readers(RAISI, 4, "a");
        readers(OPEC, 3, "b");
        readers(GAZA, 1, "c");
        pipeline.aggregate();
        pipeline.clock.advance(Duration.ofMinutes(10));
        assertEquals(3, pipeline.computeTrending().articlesRead(), "the first run reads every article");

        pipeline.clock.advance(Duration.ofMinutes(1));
        readers(GAZA, 6, "d");
        pipeline.aggregate();
        pipeline.clock.advance(Duration.ofMinutes(1));
        TrendingService.RunSummary incremental = pipeline.computeTrending();

        assertEquals(1, incremental.articlesRead(), "only the article with new events is read again");
        JsonNode top = pipeline.trending("demo-news", TOP_24H);
        assertEquals(List.of("gaza-ceasefire-talks", "raisi-putin-moscow", "opec-output-cut"), ids(top));
        ComputeTrendingHandler fresh = pipeline.newComputeInstance(dynamo);
        assertEquals(3, fresh.handle(io.readpulse.testkit.Fixtures.event("compute-trending-schedule.json")).articlesRead());
        JsonNode fullRead = pipeline.trending("demo-news", TOP_24H);
        for (int i = 0; i < 3; i++) {
            assertEquals(fullRead.get("items").get(i).get("score").asDouble(), top.get("items").get(i).get("score").asDouble(), 0.011,
                    "decay alone brings the unchanged articles' scores forward exactly");
        }

        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        DynamoDbClient recording = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        });
        ComputeTrendingHandler warm = pipeline.newComputeInstance(recording);
        pipeline.clock.advance(Duration.ofMinutes(4));
        warm.handle(io.readpulse.testkit.Fixtures.event("compute-trending-schedule.json"));
        LocalDate today = LocalDate.ofInstant(pipeline.clock.instant(), java.time.ZoneOffset.UTC);
        assertTrue(baselineDaysRead(requests).contains(today.minusDays(7)), "a new instance reads the candidates' past week");
        pipeline.clock.advance(Duration.ofMinutes(1));
        requests.clear();
        assertEquals(0, warm.handle(io.readpulse.testkit.Fixtures.event("compute-trending-schedule.json")).articlesRead());
        assertEquals(2, batchGetKeys(requests), "a quiet minute reads the site's two totals, nothing else: baselines already read are kept");

        pipeline.clock.advance(Duration.ofMinutes(15));
        assertEquals(3, pipeline.computeTrending().articlesRead(), "every 15 minutes everything is read again");
        requests.clear();
        assertEquals(3, warm.handle(io.readpulse.testkit.Fixtures.event("compute-trending-schedule.json")).articlesRead());
        assertEquals(Set.of(today.minusDays(1)), baselineDaysRead(requests),
                "a later full load the same day reads again only yesterday of the baselines: earlier days no longer change");
    }

    private static long batchGetKeys(List<SdkRequest> requests) {
        return keysAskedByBatchGet(requests).count();
    }

    /** The days of the article-day items asked for by BatchGetItem: the rising baselines. */
    private static Set<LocalDate> baselineDaysRead(List<SdkRequest> requests) {
        return keysAskedByBatchGet(requests)
                .map(key -> key.get("pk").s())
                .filter(pk -> pk.startsWith("AD#"))
                .map(pk -> LocalDate.parse(pk.split("#")[2]))
                .collect(Collectors.toSet());
    }

    private static Stream<Map<String, AttributeValue>> keysAskedByBatchGet(List<SdkRequest> requests) {
        return requests.stream().filter(request -> request instanceof BatchGetItemRequest)
                .flatMap(request -> ((BatchGetItemRequest) request).requestItems().values().stream())
                .flatMap(keys -> keys.keys().stream());
    }

    @Test
    void readsOnlyWhatItNeedsAndNeverScans() {
        pipeline.createSite("idle-news", "idle.example");
        readers(RAISI, 4, "a");
        readers(OPEC, 2, "b");
        pipeline.aggregate();
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        DynamoDbClient recording = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        });
        ComputeTrendingHandler handler = pipeline.newComputeInstance(recording);

        TrendingService.RunSummary summary = handler.handle(io.readpulse.testkit.Fixtures.event("compute-trending-schedule.json"));

        assertEquals(1, summary.sitesRanked());
        assertEquals(1, summary.sitesIdle(), "a site with no traffic today or yesterday is skipped");
        assertFalse(requests.stream().anyMatch(request -> request instanceof ScanRequest), "no Scan");
        long baselineKeys = batchGetKeys(requests);
        // Two site totals per site to find the active ones, then at most 13 earlier days per rising candidate.
        assertTrue(baselineKeys <= 4 + 2 * 13, "read " + baselineKeys + " keys");
    }
}
