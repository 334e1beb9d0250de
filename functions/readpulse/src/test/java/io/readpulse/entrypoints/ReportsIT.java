package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.collect.VisitorKeys;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.model.Site;
import io.readpulse.sketch.HyperLogLog;
import io.readpulse.store.dynamodb.DynamoActiveReaderStore;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import io.readpulse.testkit.StreamPump;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A known set of events goes through Collect, the table's stream and Aggregate; every report then
 * returns exactly the numbers that set implies. The traffic, over three days:
 *
 * <pre>
 * 2026-11-27  raisi-putin-moscow   09:00-09:05 views by v0-v5 (google, google, t.co, direct, internal, blog.example.org);
 *                                  v0 engages 15+15 s, v0 shares on whatsapp, v1 on x
 *             markets-rally        10:00-10:02 views by v0, v1 (direct), v2 (bing)
 * 2026-11-28  raisi-putin-moscow   14:00-14:03 views by v0-v3 (google)
 *             cup-final            15:00-15:01 views by v6, v7 (t.co); v6 engages 45 s and shares on x
 * 2026-11-29  raisi-putin-moscow   08:00-08:04 views by v0, v1, v8, v9, v0 again (direct); a bot's view;
 *                                  v8 shares on facebook; 11:56-11:57 v8 and v9 engage 20 s and 15 s
 *             markets-rally        08:06 view by v0; 11:58 v0 engages 10 s
 *             cup-final            11:59 view by v9 (duckduckgo); a bot's view
 * </pre>
 * The reports are asked for at 2026-11-29T12:00Z.
 */
class ReportsIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SITE = "demo-news";
    static final String RAISI = "raisi-putin-moscow";
    static final String MARKETS = "markets-rally";
    static final String CUP = "cup-final";
    static final int BOT = -1;
    /** A fixed sketch secret, so the expected sketch estimates can be computed here from the same slots. */
    static final byte[] SKETCH_SALT = "reports-it-sketch-secret-0123456".getBytes(StandardCharsets.US_ASCII);

    MutableClock clock;
    CollectHandler collect;
    ReportsHandler reports;
    String key;

    @BeforeEach
    void sendKnownTraffic() {
        DynamoSiteStore sites = new DynamoSiteStore(dynamo, table);
        sites.save(new Site(SITE, "Demo News", List.of("news.example"), SKETCH_SALT));
        key = ReportEvents.createKey(dynamo, table, Clock.systemUTC(), SITE);
        clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);

        view("2026-11-27T09:00:00Z", 0, RAISI, "https://www.google.com/");
        view("2026-11-27T09:01:00Z", 1, RAISI, "https://www.google.com/search?q=raisi");
        view("2026-11-27T09:02:00Z", 2, RAISI, "https://t.co/abc");
        view("2026-11-27T09:03:00Z", 3, RAISI, null);
        view("2026-11-27T09:04:00Z", 4, RAISI, "https://news.example/world");
        view("2026-11-27T09:05:00Z", 5, RAISI, "https://blog.example.org/post");
        engage("2026-11-27T09:10:00Z", 0, RAISI, 15);
        engage("2026-11-27T09:11:00Z", 0, RAISI, 15);
        share("2026-11-27T09:12:00Z", 0, RAISI, "whatsapp");
        share("2026-11-27T09:13:00Z", 1, RAISI, "x");
        view("2026-11-27T10:00:00Z", 0, MARKETS, null);
        view("2026-11-27T10:01:00Z", 1, MARKETS, null);
        view("2026-11-27T10:02:00Z", 2, MARKETS, "https://www.bing.com/");

        for (int v = 0; v < 4; v++) {
            view("2026-11-28T14:0" + v + ":00Z", v, RAISI, "https://www.google.com/");
        }
        view("2026-11-28T15:00:00Z", 6, CUP, "https://t.co/xyz");
        view("2026-11-28T15:01:00Z", 7, CUP, "https://t.co/xyz");
        engage("2026-11-28T15:05:00Z", 6, CUP, 45);
        share("2026-11-28T15:06:00Z", 6, CUP, "x");

        view("2026-11-29T08:00:00Z", 0, RAISI, null);
        view("2026-11-29T08:01:00Z", 1, RAISI, null);
        view("2026-11-29T08:02:00Z", 8, RAISI, null);
        view("2026-11-29T08:03:00Z", 9, RAISI, null);
        view("2026-11-29T08:04:00Z", 0, RAISI, null);
        view("2026-11-29T08:05:00Z", BOT, RAISI, null);
        view("2026-11-29T08:06:00Z", 0, MARKETS, null);
        share("2026-11-29T08:10:00Z", 8, RAISI, "facebook");
        engage("2026-11-29T11:56:00Z", 8, RAISI, 20);
        engage("2026-11-29T11:57:00Z", 9, RAISI, 15);
        engage("2026-11-29T11:58:00Z", 0, MARKETS, 10);
        view("2026-11-29T11:59:00Z", 9, CUP, "https://duckduckgo.com/");
        view("2026-11-29T11:59:30Z", BOT, CUP, null);

        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4), new DynamoBatchMarkers(dynamo, table),
                new DynamoActiveReaderStore(dynamo, table), clock));
        StreamPump.batches(pump.poll(), 10).forEach(aggregate::handle);

        clock.set(Instant.parse("2026-11-29T12:00:00Z"));
        reports = new ReportsHandler(environment(), dynamo, clock);
    }

    @Test
    void articleReportGivesEachDayAndTotalsWithSharesAndReferrerClasses() {
        JsonNode report = json("articles/" + RAISI, "from", "2026-11-27", "to", "2026-11-29");

        assertEquals(RAISI, report.at("/article/id").asText());
        assertEquals("Raisi and Putin meet in Moscow", report.at("/article/title").asText());
        assertEquals("Geopolitics & Foreign Policy", report.at("/article/sectionName").asText());
        assertEquals("2026-11-27T00:00:00Z", report.at("/range/from").asText());
        assertEquals("2026-11-30T00:00:00Z", report.at("/range/to").asText());
        JsonNode series = report.get("series");
        assertEquals(3, series.size());
        assertEquals(List.of("2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z"), texts(series, "start"));
        assertEquals(List.of(6L, 4L, 5L), numbers(series, "views"));
        assertEquals(List.of(6L, 4L, 4L), numbers(series, "reads"));
        assertEquals(List.of(30L, 0L, 35L), numbers(series, "engagedSeconds"));
        assertEquals(List.of(2L, 0L, 1L), numbers(series, "shares"));
        assertEquals(List.of(uniques(10, 0, 1, 2, 3, 4, 5), uniques(10, 0, 1, 2, 3), uniques(10, 0, 1, 8, 9)), numbers(series, "visitors"));
        assertEquals(1, series.at("/0/sharesByNetwork/whatsapp").asLong());
        assertEquals(1, series.at("/0/sharesByNetwork/x").asLong());
        assertEquals(1, series.at("/2/sharesByNetwork/facebook").asLong());
        assertEquals(counts(2, 1, 1, 1, 1), classes(series.get(0).get("referrerClasses")));
        assertEquals(counts(4, 0, 0, 0, 0), classes(series.get(1).get("referrerClasses")));
        assertEquals(counts(0, 0, 0, 5, 0), classes(series.get(2).get("referrerClasses")));

        JsonNode totals = report.get("totals");
        assertEquals(15, totals.get("views").asLong());
        assertEquals(14, totals.get("reads").asLong());
        assertEquals(65, totals.get("engagedSeconds").asLong());
        assertEquals(3, totals.get("shares").asLong());
        assertEquals(uniques(10, 0, 1, 2, 3, 4, 5, 8, 9), totals.get("visitors").asLong());
        assertEquals(counts(6, 1, 1, 6, 1), classes(totals.get("referrerClasses")));
        assertEquals(List.of(1L, 1L, 0L, 1L, 0L, 0L, 0L, 0L), valuesOf(totals.get("sharesByNetwork")));
    }

    @Test
    void uniqueVisitorsOverDaysAreTheUnionOfTheDaysNotTheirSum() {
        JsonNode article = json("articles/" + RAISI, "from", "2026-11-27", "to", "2026-11-29");
        long sumOfDays = numbers(article.get("series"), "visitors").stream().mapToLong(Long::longValue).sum();
        long overRange = article.at("/totals/visitors").asLong();
        assertEquals(14, sumOfDays, "6 + 4 + 4 daily visitors");
        assertTrue(Math.abs(overRange - 8) <= 1, "8 distinct readers over the three days, estimated " + overRange);

        JsonNode site = json("site", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(List.of(uniques(12, 0, 1, 2, 3, 4, 5), uniques(12, 0, 1, 2, 3, 6, 7), uniques(12, 0, 1, 8, 9)),
                numbers(site.get("series"), "visitors"));
        assertEquals(uniques(12, IntStream.range(0, 10).toArray()), site.at("/totals/visitors").asLong());
        assertTrue(Math.abs(site.at("/totals/visitors").asLong() - 10) <= 1, "ten distinct readers, not 6 + 6 + 4");
    }

    @Test
    void hourGranularityCutsTheRangeToHours() {
        JsonNode report = json("articles/" + RAISI, "from", "2026-11-29T06:10:00Z", "to", "2026-11-29T11:30:00Z", "granularity", "hour");
        assertEquals("2026-11-29T06:00:00Z", report.at("/range/from").asText());
        assertEquals("2026-11-29T12:00:00Z", report.at("/range/to").asText());
        JsonNode series = report.get("series");
        assertEquals(6, series.size());
        assertEquals("2026-11-29T08:00:00Z", series.at("/2/start").asText());
        assertEquals(List.of(0L, 0L, 5L, 0L, 0L, 0L), numbers(series, "views"));
        assertEquals(List.of(0L, 0L, 4L, 0L, 0L, 0L), numbers(series, "reads"));
        assertEquals(List.of(0L, 0L, 1L, 0L, 0L, 0L), numbers(series, "shares"));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 35L), numbers(series, "engagedSeconds"));
        assertFalse(series.get(2).has("visitors"), "visitors are kept per day, not per hour");
        assertEquals(5, report.at("/totals/views").asLong());
        assertEquals(35, report.at("/totals/engagedSeconds").asLong());
        assertEquals(uniques(10, 0, 1, 8, 9), report.at("/totals/visitors").asLong());
    }

    @Test
    void siteReportIsTheWholeSiteOrOneSectionOverTime() {
        JsonNode site = json("site", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(List.of(9L, 6L, 7L), numbers(site.get("series"), "views"));
        assertEquals(List.of(9L, 6L, 6L), numbers(site.get("series"), "reads"));
        assertEquals(List.of(30L, 45L, 45L), numbers(site.get("series"), "engagedSeconds"));
        assertEquals(List.of(2L, 1L, 1L), numbers(site.get("series"), "shares"));
        assertEquals(22, site.at("/totals/views").asLong());

        JsonNode sport = json("site", "from", "2026-11-27", "to", "2026-11-29", "section", "sport");
        assertEquals("sport", sport.get("section").asText());
        assertEquals(List.of(0L, 2L, 1L), numbers(sport.get("series"), "views"));
    }

    @Test
    void topRanksArticlesBySortWithSparklinesSectionsAndPages() {
        JsonNode byViews = json("top", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(3, byViews.get("articleCount").asInt());
        JsonNode articles = byViews.get("articles");
        assertEquals(List.of(RAISI, MARKETS, CUP), texts(articles, "id"));
        assertEquals(List.of(15L, 4L, 3L), numbers(articles, "views"));
        assertEquals(List.of(14L, 4L, 3L), numbers(articles, "reads"));
        assertEquals(List.of(65L, 10L, 45L), numbers(articles, "engagedSeconds"));
        assertEquals(List.of(3L, 0L, 1L), numbers(articles, "shares"));
        assertEquals(List.of(uniques(10, 0, 1, 2, 3, 4, 5, 8, 9), uniques(10, 0, 1, 2), uniques(10, 6, 7, 9)), numbers(articles, "visitors"));
        assertEquals(List.of(1L, 2L, 3L), numbers(articles, "rank"));
        assertEquals(List.of(6L, 4L, 5L), longs(articles.at("/0/series")));
        assertEquals(List.of(3L, 0L, 1L), longs(articles.at("/1/series")));
        assertEquals(List.of(0L, 2L, 1L), longs(articles.at("/2/series")));
        assertEquals("Markets rally on rate hopes", articles.at("/1/title").asText());
        assertEquals("business", articles.at("/1/section").asText());
        assertTrue(byViews.get("nextCursor").isNull());

        assertEquals(List.of(RAISI, CUP, MARKETS), texts(json("top", "from", "2026-11-27", "to", "2026-11-29", "sort", "engaged").get("articles"), "id"));
        JsonNode byShares = json("top", "from", "2026-11-27", "to", "2026-11-29", "sort", "shares");
        assertEquals(List.of(RAISI, CUP, MARKETS), texts(byShares.get("articles"), "id"));
        assertEquals("shares", byShares.get("seriesMetric").asText());
        assertEquals(List.of(2L, 0L, 1L), longs(byShares.at("/articles/0/series")));
        assertEquals(List.of(0L, 1L, 0L), longs(byShares.at("/articles/1/series")));
        assertEquals(RAISI, json("top", "from", "2026-11-27", "to", "2026-11-29", "sort", "visitors").at("/articles/0/id").asText());

        JsonNode sport = json("top", "from", "2026-11-27", "to", "2026-11-29", "section", "sport");
        assertEquals(1, sport.get("articleCount").asInt());
        assertEquals(List.of(CUP), texts(sport.get("articles"), "id"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonNode result = cursor == null ? json("top", "from", "2026-11-27", "to", "2026-11-29", "limit", "1")
                    : json("top", "from", "2026-11-27", "to", "2026-11-29", "limit", "1", "cursor", cursor);
            paged.add(result.at("/articles/0/id").asText());
            assertEquals(page + 1, result.at("/articles/0/rank").asInt());
            cursor = result.get("nextCursor").isNull() ? null : result.get("nextCursor").asText();
            assertEquals(page < 2, cursor != null, "page " + page);
        }
        assertEquals(List.of(RAISI, MARKETS, CUP), paged);
    }

    @Test
    void topOverPartOfTwoDaysCountsOnlyThoseHours() {
        JsonNode top = json("top", "from", "2026-11-28T14:00:00Z", "to", "2026-11-29T09:00:00Z");
        JsonNode articles = top.get("articles");
        assertEquals(List.of(RAISI, CUP, MARKETS), texts(articles, "id"));
        assertEquals(List.of(9L, 2L, 1L), numbers(articles, "views"));
        assertEquals(List.of(4L, 5L), longs(articles.at("/0/series")));
        assertEquals(List.of(2L, 0L), longs(articles.at("/1/series")));
        assertEquals(List.of(0L, 1L), longs(articles.at("/2/series")));
        assertEquals("2026-11-28T00:00:00Z", top.at("/range/wholeDays/from").asText());
        assertEquals("2026-11-30T00:00:00Z", top.at("/range/wholeDays/to").asText());
    }

    @Test
    void sectionsReportTotalsEachSectionAndTheSite() {
        JsonNode report = json("sections", "from", "2026-11-27", "to", "2026-11-29");
        JsonNode sections = report.get("sections");
        assertEquals(List.of("geopolitics-foreign-policy", "business", "sport"), texts(sections, "section"));
        assertEquals(List.of(15L, 4L, 3L), numbers(sections, "views"));
        assertEquals(List.of(14L, 4L, 3L), numbers(sections, "reads"));
        assertEquals(List.of(65L, 10L, 45L), numbers(sections, "engagedSeconds"));
        assertEquals(List.of(3L, 0L, 1L), numbers(sections, "shares"));
        assertEquals(List.of(uniques(11, 0, 1, 2, 3, 4, 5, 8, 9), uniques(11, 0, 1, 2), uniques(11, 6, 7, 9)), numbers(sections, "visitors"));
        assertEquals(counts(1, 2, 0, 0, 0), classes(sections.get(2).get("referrerClasses")));
        JsonNode total = report.get("total");
        assertEquals(22, total.get("views").asLong());
        assertEquals(21, total.get("reads").asLong());
        assertEquals(120, total.get("engagedSeconds").asLong());
        assertEquals(4, total.get("shares").asLong());
        assertEquals(counts(8, 3, 1, 9, 1), classes(total.get("referrerClasses")));

        String csv = csv("sections", "format", "csv", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(String.join("\r\n",
                "section,views,reads,visitors,engaged_seconds,shares,shares_facebook,shares_x,shares_linkedin,shares_whatsapp,"
                        + "shares_telegram,shares_reddit,shares_email,shares_copy-link,referrer_search,referrer_social,referrer_internal,"
                        + "referrer_direct,referrer_other",
                "geopolitics-foreign-policy,15,14," + uniques(11, 0, 1, 2, 3, 4, 5, 8, 9) + ",65,3,1,1,0,1,0,0,0,0,6,1,1,6,1",
                "business,4,4," + uniques(11, 0, 1, 2) + ",10,0,0,0,0,0,0,0,0,0,1,0,0,3,0",
                "sport,3,3," + uniques(11, 6, 7, 9) + ",45,1,0,1,0,0,0,0,0,0,1,2,0,0,0",
                "(whole site),22,21," + uniques(12, IntStream.range(0, 10).toArray()) + ",120,4,1,2,0,1,0,0,0,0,8,3,1,9,1", ""), csv);
    }

    @Test
    void referrersReportGivesClassesAndTopHostsForTheSiteOrAnArticle() {
        JsonNode site = json("referrers", "from", "2026-11-27", "to", "2026-11-29");
        assertTrue(site.get("article").isNull());
        assertEquals(counts(8, 3, 1, 9, 1), classes(site.get("classes")));
        assertEquals(List.of("google.com", "t.co", "bing.com", "blog.example.org", "duckduckgo.com", "news.example"), texts(site.get("hosts"), "host"));
        assertEquals(List.of(6L, 3L, 1L, 1L, 1L, 1L), numbers(site.get("hosts"), "views"));
        assertEquals(0, site.get("otherHosts").asLong());

        JsonNode article = json("referrers", "from", "2026-11-27", "to", "2026-11-29", "article", RAISI, "limit", "2");
        assertEquals(RAISI, article.get("article").asText());
        assertEquals(counts(6, 1, 1, 6, 1), classes(article.get("classes")));
        assertEquals(List.of("google.com", "blog.example.org"), texts(article.get("hosts"), "host"));
        assertEquals(List.of(6L, 1L), numbers(article.get("hosts"), "views"));
        assertEquals(2, article.get("otherHosts").asLong(), "news.example and t.co, one view each");
    }

    @Test
    void nowCountsDistinctReadersOfTheLastFiveMinutesPerArticleWithoutBots() {
        JsonNode now = json("now");
        assertEquals("2026-11-29T12:00:00Z", now.get("at").asText());
        assertEquals(300, now.get("windowSeconds").asInt());
        assertEquals(3, now.get("readers").asLong(), "v0, v8 and v9");
        assertEquals(List.of(RAISI, CUP, MARKETS), texts(now.get("articles"), "id"));
        assertEquals(List.of(2L, 1L, 1L), numbers(now.get("articles"), "readers"));
        assertEquals("Raisi and Putin meet in Moscow", now.at("/articles/0/title").asText());

        clock.set(Instant.parse("2026-11-29T12:04:00Z"));
        JsonNode later = json("now");
        assertEquals(1, later.get("readers").asLong(), "only v9's view at 11:59:00 (and a bot's) is inside 11:59:00-12:04:00");
        assertEquals(List.of(CUP), texts(later.get("articles"), "id"));
    }

    @Test
    void everyReportIsAlsoCsvByParameterOrAcceptHeader() {
        String top = csv("top", "format", "csv", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(String.join("\r\n",
                "rank,id,title,section,url,views,reads,visitors,engaged_seconds,shares",
                "1,raisi-putin-moscow,Raisi and Putin meet in Moscow,geopolitics-foreign-policy,https://news.example/world/raisi-putin-moscow,15,14,"
                        + uniques(10, 0, 1, 2, 3, 4, 5, 8, 9) + ",65,3",
                "2,markets-rally,Markets rally on rate hopes,business,https://news.example/business/markets-rally,4,4," + uniques(10, 0, 1, 2) + ",10,0",
                "3,cup-final,Underdogs win the cup final,sport,https://news.example/sport/cup-final,3,3," + uniques(10, 6, 7, 9) + ",45,1", ""), top);

        ObjectNode byAccept = ReportEvents.get(SITE, "articles/" + RAISI, key, "from", "2026-11-29T06:00:00Z", "to", "2026-11-29T09:00:00Z", "granularity", "hour");
        Fixtures.withHeader(byAccept, "accept", "text/csv");
        HttpApiResponse article = reports.handle(byAccept);
        assertEquals(200, article.statusCode());
        assertEquals("attachment; filename=\"demo-news-article-raisi-putin-moscow-2026-11-29-to-2026-11-29.csv\"",
                article.headers().get("content-disposition"));
        assertEquals(String.join("\r\n", "start,views,reads,engaged_seconds,shares",
                "2026-11-29T06:00:00Z,0,0,0,0", "2026-11-29T07:00:00Z,0,0,0,0", "2026-11-29T08:00:00Z,5,4,0,1", ""), article.body());

        assertEquals(String.join("\r\n", "kind,name,views", "class,search,0", "class,social,0", "class,internal,0", "class,direct,5",
                "class,other,0", "host,(other hosts),0", ""), csv("referrers", "format", "csv", "from", "2026-11-29", "to", "2026-11-29", "article", RAISI));
        assertEquals(String.join("\r\n", "id,title,readers", "raisi-putin-moscow,Raisi and Putin meet in Moscow,2",
                "cup-final,Underdogs win the cup final,1", "markets-rally,Markets rally on rate hopes,1", ""), csv("now", "format", "csv"));
        assertTrue(csv("site", "format", "csv", "from", "2026-11-27", "to", "2026-11-29").startsWith("start,views,reads,visitors,"));
    }

    @Test
    void everyReportReadsByKeyAndNeverScans() {
        Set<String> operations = ConcurrentHashMap.newKeySet();
        DynamoDbClient recording = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(context.request().getClass().getSimpleName());
            }
        });
        ReportsHandler watched = new ReportsHandler(environment(), recording, clock);
        for (String report : List.of("articles/" + RAISI, "site", "top", "sections", "referrers", "now", "authors", "tags", "campaigns",
                "devices", "countries")) {
            assertEquals(200, watched.handle(ReportEvents.get(SITE, report, key, "from", "2026-09-01", "to", "2026-11-29")).statusCode());
        }
        assertEquals(Set.of("GetItemRequest", "BatchGetItemRequest", "QueryRequest"), operations);
    }

    // --- compare=previous and engagement -------------------------------------------------------

    @Test
    void comparedWithThePreviousPeriodEveryTotalCarriesItsPreviousFigureAndChange() {
        JsonNode site = json("site", "from", "2026-11-29", "to", "2026-11-29", "compare", "previous");
        assertEquals("2026-11-28T00:00:00Z", site.at("/compare/from").asText());
        assertEquals("2026-11-29T00:00:00Z", site.at("/compare/to").asText());
        assertEquals(7, site.at("/totals/views").asLong());
        assertEquals(6, site.at("/totals/previous/views").asLong());
        assertEquals(16.7, site.at("/totals/change/views").asDouble());
        assertEquals(0.0, site.at("/totals/change/reads").asDouble());
        assertEquals(45, site.at("/totals/previous/engagedSeconds").asLong());
        assertEquals(1, site.at("/totals/previous/shares").asLong());
        long visitorsBefore = uniques(12, 0, 1, 2, 3, 6, 7);
        assertEquals(visitorsBefore, site.at("/totals/previous/visitors").asLong());
        assertEquals(io.readpulse.reports.ReportComparison.changePercent(uniques(12, 0, 1, 8, 9), visitorsBefore),
                site.at("/totals/change/visitors").asDouble());

        JsonNode top = json("top", "from", "2026-11-28", "to", "2026-11-29", "compare", "previous");
        assertEquals("2026-11-26T00:00:00Z", top.at("/compare/from").asText());
        assertEquals(List.of(RAISI, CUP, MARKETS), texts(top.get("articles"), "id"));
        assertEquals(List.of(9L, 3L, 1L), numbers(top.get("articles"), "views"));
        assertEquals(List.of(6L, 0L, 3L), numbers(top.get("articles"), "previous", "views"));
        assertEquals(50.0, top.at("/articles/0/change/views").asDouble());
        assertTrue(top.at("/articles/1/change/views").isNull(), "nothing to compare with: null, not infinity");
        assertEquals(-66.7, top.at("/articles/2/change/views").asDouble());
        assertEquals(33.3, top.at("/articles/0/change/reads").asDouble());
        assertEquals(16.7, top.at("/articles/0/change/engagedSeconds").asDouble());
        assertEquals(-50.0, top.at("/articles/0/change/shares").asDouble());

        JsonNode sections = json("sections", "from", "2026-11-29", "to", "2026-11-29", "compare", "previous");
        assertEquals(6, sections.at("/total/previous/views").asLong());
        JsonNode sport = null;
        for (JsonNode section : sections.get("sections")) {
            sport = section.get("section").asText().equals("sport") ? section : sport;
        }
        assertEquals(1, sport.get("views").asLong());
        assertEquals(2, sport.at("/previous/views").asLong());
        assertEquals(-50.0, sport.at("/change/views").asDouble());

        JsonNode article = json("articles/" + CUP, "from", "2026-11-29", "to", "2026-11-29", "compare", "previous");
        assertEquals(2, article.at("/totals/previous/views").asLong());
        assertEquals(-50.0, article.at("/totals/change/views").asDouble());
    }

    @Test
    void comparedInCsvEachCountIsFollowedByItsPreviousFigureAndChange() {
        String top = csv("top", "format", "csv", "from", "2026-11-28", "to", "2026-11-29", "compare", "previous");
        String[] lines = top.split("\r\n");
        assertEquals("rank,id,title,section,url,views,previous_views,change_views_pct,reads,previous_reads,change_reads_pct,"
                + "visitors,previous_visitors,change_visitors_pct,engaged_seconds,previous_engaged_seconds,change_engaged_seconds_pct,"
                + "shares,previous_shares,change_shares_pct", lines[0]);
        assertEquals(4, lines.length);
        long visitorsNow = uniques(10, 0, 1, 2, 3, 8, 9);
        long visitorsBefore = uniques(10, 0, 1, 2, 3, 4, 5);
        assertTrue(lines[1].startsWith("1,raisi-putin-moscow,"), lines[1]);
        assertTrue(lines[1].endsWith(",9,6,50.0,8,6,33.3," + visitorsNow + "," + visitorsBefore + ","
                + io.readpulse.reports.ReportComparison.changePercent(visitorsNow, visitorsBefore) + ",35,30,16.7,1,2,-50.0"), lines[1]);
        assertTrue(lines[2].endsWith(",3,0,,3,0,," + uniques(10, 6, 7, 9) + ",0,,45,0,,1,0,"), "no previous: an empty change: " + lines[2]);

        String site = csv("site", "format", "csv", "from", "2026-11-29", "to", "2026-11-29", "compare", "previous");
        String[] siteLines = site.split("\r\n");
        assertTrue(siteLines[0].startsWith("start,views,previous_views,change_views_pct,reads,previous_reads,change_reads_pct,visitors,"), siteLines[0]);
        assertTrue(siteLines[1].startsWith("2026-11-29T00:00:00Z,7,,,6,,,"), "a point carries no comparison: " + siteLines[1]);
        assertTrue(siteLines[2].startsWith("total,7,6,16.7,6,6,0.0,"), siteLines[2]);

        String sections = csv("sections", "format", "csv", "from", "2026-11-29", "to", "2026-11-29", "compare", "previous");
        assertTrue(sections.contains("\r\n(whole site),7,6,16.7,6,6,0.0,"), sections);
    }

    @Test
    void compareIsRefusedWhereItMeansNothingAndWhenMisspelled() {
        ReportsAuthIT.assertError(reports.handle(ReportEvents.get(SITE, "site", key, "compare", "last-year")), 400, "unknown_compare", "compare");
        ReportsAuthIT.assertError(reports.handle(ReportEvents.get(SITE, "now", key, "compare", "previous")), 400, "compare_not_supported", "compare");
    }

    @Test
    void engagementIsTimePerReadAndAtMostTheShareOfReadsWithAPing() {
        JsonNode site = json("site", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(5.7, site.at("/totals/engagedSecondsPerRead").asDouble(), "120 engaged seconds over 21 reads");
        assertEquals(0.286, site.at("/totals/engagedShare").asDouble(), "6 pings over 21 reads");
        JsonNode top = json("top", "from", "2026-11-27", "to", "2026-11-29");
        assertEquals(4.6, top.at("/articles/0/engagedSecondsPerRead").asDouble(), "65 s over 14 reads of " + RAISI);
        assertEquals(0.286, top.at("/articles/0/engagedShare").asDouble(), "4 pings over 14 reads");
        assertEquals(15.0, top.at("/articles/2/engagedSecondsPerRead").asDouble(), "45 s over the cup final's 3 reads");
    }

    // --- traffic -------------------------------------------------------------------------------

    private void view(String at, int visitor, String article, String referrer) {
        send(at, visitor, "{\"site\":\"demo-news\",\"type\":\"view\"" + (referrer == null ? "" : ",\"referrer\":\"" + referrer + "\"")
                + ",\"article\":" + article(article, true) + "}");
    }

    private void engage(String at, int visitor, String article, int seconds) {
        send(at, visitor, "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":" + seconds + ",\"article\":" + article(article, false) + "}");
    }

    private void share(String at, int visitor, String article, String network) {
        send(at, visitor, "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"" + network + "\",\"article\":" + article(article, false) + "}");
    }

    private static String article(String id, boolean withMeta) {
        String[] meta = switch (id) {
            case RAISI -> new String[] {"world", "Raisi and Putin meet in Moscow", "Geopolitics & Foreign Policy"};
            case MARKETS -> new String[] {"business", "Markets rally on rate hopes", "Business"};
            default -> new String[] {"sport", "Underdogs win the cup final", "Sport"};
        };
        String url = "https://news.example/" + meta[0] + "/" + id;
        return "{\"id\":\"" + id + "\",\"url\":\"" + url + "\",\"section\":\"" + meta[2] + "\""
                + (withMeta ? ",\"title\":\"" + meta[1] + "\",\"publishedAt\":\"2026-11-27T06:30:00Z\"" : "") + "}";
    }

    private void send(String at, int visitor, String body) {
        clock.set(Instant.parse(at));
        ObjectNode event = visitor == BOT
                ? Fixtures.asVisitor(Fixtures.collectEvent(body), "192.0.2.200", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
                : Fixtures.asVisitor(Fixtures.collectEvent(body), ip(visitor), userAgent(visitor));
        assertEquals(202, collect.handle(event).statusCode(), body);
    }

    private static String ip(int visitor) {
        return "198.51.100." + (10 + visitor);
    }

    private static String userAgent(int visitor) {
        return "Mozilla/5.0 (X11; Linux x86_64) reader-" + visitor;
    }

    /** The estimate a sketch of this precision gives for these visitors: what the report must show. */
    static long uniques(int precision, int... visitors) {
        HyperLogLog sketch = new HyperLogLog(precision);
        VisitorKeys keys = new VisitorKeys();
        for (int visitor : visitors) {
            sketch.offerSlot(keys.sketchSlot(SKETCH_SALT, ip(visitor), userAgent(visitor)));
        }
        return sketch.estimate();
    }

    // --- requests and reading answers ----------------------------------------------------------

    private JsonNode json(String report, String... query) {
        HttpApiResponse response = reports.handle(ReportEvents.get(SITE, report, key, query));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().get("content-type").startsWith("application/json"));
        try {
            return MAPPER.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String csv(String report, String... query) {
        HttpApiResponse response = reports.handle(ReportEvents.get(SITE, report, key, query));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/csv; charset=utf-8", response.headers().get("content-type"));
        return response.body();
    }

    private static List<Long> numbers(JsonNode array, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asLong()));
        return values;
    }

    private static List<Long> numbers(JsonNode array, String object, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(object).get(field).asLong()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        return values;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asLong()));
        return values;
    }

    private static List<Long> valuesOf(JsonNode object) {
        List<Long> values = new ArrayList<>();
        object.forEach(value -> values.add(value.asLong()));
        return values;
    }

    /** Referrer classes in the order search, social, internal, direct, other. */
    private static List<Long> counts(long... values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<Long> classes(JsonNode node) {
        return List.of("search", "social", "internal", "direct", "other").stream().map(name -> node.get(name).asLong()).toList();
    }
}
