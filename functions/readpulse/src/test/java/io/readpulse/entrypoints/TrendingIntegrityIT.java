package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.admin.TrendingAdminCommands;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.metadata.ArticleMetadataService;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.testkit.ArticlePages;
import io.readpulse.testkit.Fixtures;
import io.readpulse.trending.TrendingRanker;
import io.readpulse.trending.TrendingService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nobody without a key decides what the Trending box shows: every test drives collect, the
 * aggregator and ComputeTrending on the real engine, with the publisher's article pages served by a
 * real HTTP server that the job reads. Anonymous requests try to retitle, hide, inflate and flood.
 */
class TrendingIntegrityIT extends PublisherPagesTest {
    static final Map<String, String> TOP_1H = Map.of("mode", "top", "window", "1h", "limit", "50");
    static final Map<String, String> TOP_24H = Map.of("mode", "top", "window", "24h", "limit", "50");

    /** An article published on the publisher's server, and as its page's script would report it. */
    Pipeline.Article publish(String id, String title, String section) {
        String path = "/" + section.toLowerCase().replace(' ', '-') + "/" + id;
        pages.publish(new ArticlePages.Page(id, path, title, section, START.minus(Duration.ofHours(1))));
        return new Pipeline.Article(id, pages.url(path), title, section, START.minus(Duration.ofHours(1)));
    }

    JsonNode item(Map<String, String> query, String articleId) {
        for (JsonNode item : pipeline.trending(SITE, query).get("items")) {
            if (item.get("id").asText().equals(articleId)) {
                return item;
            }
        }
        return null;
    }

    List<String> titles(Map<String, String> query) {
        List<String> titles = new ArrayList<>();
        pipeline.trending(SITE, query).get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }

    void run() {
        pipeline.aggregate();
        pipeline.computeTrending();
    }

    @Test
    void oneAnonymousRequestCannotRetitleAListedArticlePinnedOrNot() {
        Pipeline.Article summit = publish("summit-in-the-capital", "Two presidents meet in the capital", "World");
        Pipeline.Article strike = publish("port-strike", "Port strike lifts freight rates", "Business");
        Pipeline.Article other = publish("other-story", "Another real story", "World");
        readers(summit, 5, "s");
        readers(strike, 4, "p");
        readers(other, 1, "o");
        run();
        assertEquals("Two presidents meet in the capital", item(TOP_1H, summit.id()).get("title").asText());
        assertEquals(0, new TrendingAdminCommands(new DynamoSiteStore(dynamo, table), new DynamoTrendingStore(dynamo, table),
                pipeline.clock, new PrintStream(new ByteArrayOutputStream())).run(List.of("pin", SITE, strike.id(), "--for", "6h")));

        // The attacks: the same ids with a new title, section and image, at a URL of their choosing on the site:
        // a page that does not exist, another real article's page, the real page with a steering query string.
        String headline = "BREAKING: editor resigns over fabricated story";
        List<String> attackUrls = List.of(pages.url("/opinion/editor-resigns"), other.url(), summit.url() + "?title=" + headline.replace(' ', '+'));
        for (Pipeline.Article target : List.of(summit, strike)) {
            for (String url : attackUrls) {
                Pipeline.Article forged = new Pipeline.Article(target.id(), url, headline, "Opinion", START);
                pipeline.view(SITE, forged, "203.0.113.9", BROWSER);
                pipeline.view(SITE, forged, "203.0.113.10", "Googlebot/2.1 (+http://www.google.com/bot.html)");
                pipeline.engage(SITE, forged, 30, "203.0.113.9", BROWSER);
                pipeline.share(SITE, forged, "x", "203.0.113.9", BROWSER);
            }
        }
        // Through the refresh of every listed article's page, twice.
        for (int minutes = 0; minutes < 25; minutes += 5) {
            pipeline.clock.advance(Duration.ofMinutes(5));
            run();
        }
        for (Map<String, String> query : List.of(TOP_1H, TOP_24H, Map.of("mode", "fresh"))) {
            List<String> titles = titles(query);
            assertFalse(titles.contains(headline), "no list shows the forged title: " + titles);
            assertTrue(titles.contains("Two presidents meet in the capital") && titles.contains("Port strike lifts freight rates"), titles.toString());
        }
        JsonNode pinned = item(TOP_1H, strike.id());
        assertTrue(pinned.get("pinned").asBoolean());
        assertEquals(strike.url(), pinned.get("url").asText(), "the link is the page's canonical URL, not the forged one");
        assertEquals("Business", pinned.get("section").asText());
        assertNotNull(pipeline.trending(SITE, Map.of("section", "world")).get("items"));
        assertEquals(0, pipeline.trending(SITE, Map.of("section", "opinion")).get("items").size(), "the forged section has no list");
        assertFalse(pages.requested().stream().anyMatch(path -> path.contains("?")), "no query string ever reached the publisher");
        assertEquals("Two presidents meet in the capital",
                new DynamoArticleStore(dynamo, table, Duration.ofDays(1)).find(SITE, summit.id()).orElseThrow().meta().title(),
                "the dashboard's reports name the article from the same record");
    }

    @Test
    void aRealHeadlineChangeOnThePublishersPageReachesTheListWithinTenMinutesAndARun() {
        Pipeline.Article story = publish("budget-vote", "Budget vote delayed", "Politics");
        readers(story, 3, "r");
        run();
        assertEquals("Budget vote delayed", item(TOP_1H, story.id()).get("title").asText());

        pages.publish(new ArticlePages.Page(story.id(), "/politics/budget-vote", "Budget passes after all-night session", "Politics",
                START.minus(Duration.ofHours(1))));
        pipeline.clock.advance(Duration.ofMinutes(5));
        run();
        assertEquals("Budget vote delayed", item(TOP_1H, story.id()).get("title").asText(), "read again only after ten minutes");
        pipeline.clock.advance(ArticleMetadataService.REFRESH_AFTER.minus(Duration.ofMinutes(5)));
        run();
        assertEquals("Budget passes after all-night session", item(TOP_1H, story.id()).get("title").asText());
    }

    @Test
    void anArticleIsListedWithItsTitleAfterOneHumanReadWhateverCameFirst() {
        Pipeline.Article crawled = publish("crawled-first", "Crawled first", "World");
        Pipeline.Article headless = publish("headless-first", "Opened by a headless browser first", "World");
        Pipeline.Article pinged = publish("pinged-first", "Engagement ping first", "World");
        Pipeline.Article shared = publish("shared-first", "Shared first", "World");
        pipeline.view(SITE, crawled, "66.249.66.1", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        pipeline.view(SITE, headless, "192.0.2.7",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36");
        pipeline.engage(SITE, pinged, 15, "192.0.2.8", BROWSER);
        pipeline.share(SITE, shared, "whatsapp", "192.0.2.9", BROWSER);
        run();
        assertEquals(0, pipeline.trending(SITE, TOP_1H).get("items").size(), "bots, pings and shares alone list nothing");

        pipeline.clock.advance(Duration.ofSeconds(30));
        for (Pipeline.Article article : List.of(crawled, headless, pinged, shared)) {
            pipeline.view(SITE, article, "198.51.100.77", BROWSER);
        }
        run();
        for (Pipeline.Article article : List.of(crawled, headless, pinged, shared)) {
            JsonNode listed = item(TOP_1H, article.id());
            assertNotNull(listed, article.id() + " is listed after one human read");
            assertEquals(article.title(), listed.get("title").asText());
        }
    }

    @Test
    void aPinAppliesAtTheNextRunWithoutNewTraffic() {
        Pipeline.Article old = publish("last-weeks-story", "Last week's story", "World");
        Pipeline.Article busy = publish("busy-story", "Busy story", "World");
        readers(old, 2, "o");
        run();
        pipeline.clock.advance(Duration.ofDays(3));
        readers(busy, 5, "b");
        run();
        assertEquals(null, item(TOP_1H, old.id()), "three days later it has no counters today or yesterday");

        assertEquals(0, new TrendingAdminCommands(new DynamoSiteStore(dynamo, table), new DynamoTrendingStore(dynamo, table),
                pipeline.clock, new PrintStream(new ByteArrayOutputStream())).run(List.of("pin", SITE, old.id(), "--for", "2h")));
        pipeline.clock.advance(Duration.ofMinutes(1));
        pipeline.computeTrending();
        JsonNode pinned = pipeline.trending(SITE, TOP_1H).get("items").get(0);
        assertEquals(old.id(), pinned.get("id").asText());
        assertEquals("Last week's story", pinned.get("title").asText());
        assertTrue(pinned.get("pinned").asBoolean());
    }

    @Test
    void lateEventsForYesterdayCountInTheCarriedOverScores() {
        Instant beforeMidnight = Instant.parse("2026-11-29T23:59:40Z");
        Pipeline.Article late = publish("late-story", "Late story", "World");
        Pipeline.Article punctual = publish("punctual-story", "Punctual story", "World");
        // The same traffic for both; one article's last minute of yesterday is aggregated after today's first events.
        pipeline.clock.set(beforeMidnight);
        readers(punctual, 6, "p");
        pipeline.aggregate();
        pipeline.clock.set(beforeMidnight.plusSeconds(40));
        readers(punctual, 2, "q");
        readers(late, 2, "q");
        pipeline.aggregate();
        pipeline.clock.set(beforeMidnight);
        readers(late, 6, "p");
        pipeline.clock.set(beforeMidnight.plusSeconds(60));
        pipeline.aggregate();

        pipeline.clock.set(beforeMidnight.plus(Duration.ofMinutes(3)));
        pipeline.computeTrending();
        for (Map<String, String> query : List.of(TOP_24H, Map.of("mode", "top", "window", "7d"))) {
            double lateScore = item(query, late.id()).get("breakdown").get("reads").asDouble();
            double punctualScore = item(query, punctual.id()).get("breakdown").get("reads").asDouble();
            assertEquals(punctualScore, lateScore, punctualScore * 0.01, query + ": yesterday's late reads count");
        }
    }

    @Test
    void oneAddressRotatingUserAgentsMovesAScoreLessThanTwentyReadersWhileAnOfficeStillCounts() {
        Pipeline.Article attacked = publish("attacked", "Attacked story", "World");
        Pipeline.Article genuine = publish("genuine", "Genuinely read story", "World");
        Pipeline.Article office = publish("office", "Read in an office", "Business");
        for (int i = 0; i < 40; i++) {
            pipeline.view(SITE, attacked, "198.51.100." + i, BROWSER);
        }
        for (int i = 0; i < 60; i++) {
            pipeline.view(SITE, genuine, "198.51.100." + (100 + i), BROWSER);
        }
        for (int i = 0; i < 500; i++) {
            pipeline.view(SITE, attacked, "203.0.113.66", browserLike(i));
            pipeline.clock.advance(Duration.ofMillis(200));
        }
        for (int i = 0; i < 50; i++) {
            pipeline.view(SITE, office, "192.0.2.200", browserLike(1000 + i));
        }
        run();
        double attackedScore = item(TOP_1H, attacked.id()).get("score").asDouble();
        double twentyMoreReaders = item(TOP_1H, genuine.id()).get("score").asDouble();
        assertTrue(attackedScore <= twentyMoreReaders,
                "40 readers and 500 forged user agents from one address (" + attackedScore + ") score no more than 60 readers ("
                        + twentyMoreReaders + ")");
        double officeReads = item(TOP_1H, office.id()).get("breakdown").get("recentReads").asDouble();
        assertTrue(officeReads >= 10, "50 readers behind one address count as " + officeReads);
    }

    /** A plausible, distinct browser user agent: platforms, browsers and versions as real traffic mixes them. */
    static String browserLike(int i) {
        String[] platforms = {"Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64",
                "iPhone; CPU iPhone OS 17_5 like Mac OS X", "Linux; Android 14; Pixel 8"};
        String platform = platforms[i % platforms.length];
        return switch (i / platforms.length % 3) {
            case 0 -> "Mozilla/5.0 (" + platform + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + (100 + i / 15) + ".0." + (i % 97) + ".0 Safari/537.36";
            case 1 -> "Mozilla/5.0 (" + platform + "; rv:" + (100 + i / 15) + ".0) Gecko/20100101 Firefox/" + (100 + i / 15) + "." + (i % 7);
            default -> "Mozilla/5.0 (" + platform + ") AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17." + (i % 9) + " Safari/605.1." + (i / 15);
        };
    }

    @Test
    void anOpaqueOriginIsRefusedAndWritesNothing() {
        Pipeline.Article story = publish("framed", "Framed story", "World");
        ObjectNode body = Pipeline.MAPPER.createObjectNode();
        body.put("site", SITE);
        body.put("type", "view");
        body.set("article", story.json());
        ObjectNode event = Fixtures.withHeader(Fixtures.asVisitor(Fixtures.collectEvent(body.toString()), "198.51.100.1", BROWSER), "origin", "null");
        HttpApiResponse response = pipeline.collect.handle(event);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("\"field\":\"origin\""), response.body());
        pipeline.aggregate();
        assertTrue(new DynamoCounterStore(dynamo, table, Duration.ofDays(1), 1)
                .find(CounterKey.article(SITE, LocalDate.ofInstant(START, ZoneOffset.UTC), story.id())).isEmpty());
    }

    @Test
    void aSectionFloodLeavesOtherSitesOnTimeAndTheListsWithinTheCap() {
        pipeline.createSite("quiet-news", "quiet.example");
        Pipeline.Article story = publish("real-story", "A real story", "World");
        readers(story, 3, "r");
        Pipeline.Article quiet = new Pipeline.Article("quiet-story", "https://quiet.example/quiet-story", "Quiet", "Local", START);
        pipeline.describe("quiet-news", quiet);
        ObjectNode quietView = Pipeline.MAPPER.createObjectNode();
        quietView.put("site", "quiet-news");
        quietView.put("type", "view");
        quietView.set("article", quiet.json());
        assertEquals(202, pipeline.collect.handle(Fixtures.withHeader(Fixtures.asVisitor(Fixtures.collectEvent(quietView.toString()),
                "198.51.100.9", BROWSER), "origin", "https://quiet.example")).statusCode());
        run();
        long before = System.nanoTime();
        TrendingService.RunSummary normal = pipeline.computeTrending();
        long normalMillis = (System.nanoTime() - before) / 1_000_000;

        for (int request = 0; request < 40; request++) {
            ObjectNode body = Pipeline.MAPPER.createObjectNode();
            body.put("site", SITE);
            ArrayNode events = body.putArray("events");
            for (int i = 0; i < 50; i++) {
                ObjectNode event = events.addObject();
                event.put("type", "view");
                String id = "flood-" + request + "-" + i;
                event.set("article", new Pipeline.Article(id, pages.url("/x/" + id), "Flood " + id, "Flood section " + request + "-" + i,
                        START).json());
            }
            Pipeline.send(pipeline.collect, body, "203.0.113." + (request % 200), BROWSER + request);
        }
        pipeline.aggregate();
        pipeline.clock.advance(Duration.ofMinutes(1));
        before = System.nanoTime();
        TrendingService.RunSummary flooded = pipeline.computeTrending();
        long floodedMillis = (System.nanoTime() - before) / 1_000_000;

        assertEquals(normal.listsWritten(), flooded.listsWritten(), "2,000 new section names add no list");
        assertTrue(flooded.listsWritten() <= 9 * (2 + 1 + TrendingRanker.MAX_SECTION_LISTS));
        assertTrue(flooded.pagesRead() <= ArticleMetadataService.READS_PER_SITE_AND_RUN, "page reads are bounded: " + flooded.pagesRead());
        assertTrue(floodedMillis < Math.max(5_000, 5 * normalMillis), "a run took " + floodedMillis + " ms against " + normalMillis + " ms");
        assertEquals(pipeline.clock.instant(), Instant.parse(pipeline.trending("quiet-news", TOP_1H).get("generatedAt").asText()),
                "the other site's lists were refreshed in the same run");
    }

    @Test
    void oneVisitorsTwoHundredSharesCountOnce() {
        Pipeline.Article story = publish("shared-story", "Shared story", "World");
        pipeline.view(SITE, story, "198.51.100.5", BROWSER);
        for (int i = 0; i < 200; i++) {
            pipeline.share(SITE, story, i % 2 == 0 ? "whatsapp" : "x", "198.51.100.5", BROWSER);
        }
        run();
        CounterState counters = new DynamoCounterStore(dynamo, table, Duration.ofDays(1), 1)
                .find(CounterKey.article(SITE, LocalDate.ofInstant(START, ZoneOffset.UTC), story.id())).orElseThrow();
        assertEquals(1, counters.totalShares());
        assertEquals(1.0, DecayWindow.ONE_HOUR.decayedValue(counters.decayedShares(DecayWindow.ONE_HOUR), 8 * 3600), 1e-6);
        assertEquals(1.0, item(TOP_1H, story.id()).get("breakdown").get("shares").asDouble(), 0.01);
    }

    @Test
    void lookAlikeReferrerHostsAreNotSearch() {
        Pipeline.Article story = publish("referred", "Referred story", "World");
        List<String> referrers = List.of("https://google.attacker.example/", "https://www.google.com.evil.test/search",
                "https://bing.com.phish.example/", "https://www.google.co.uk/");
        for (int i = 0; i < referrers.size(); i++) {
            ObjectNode body = Pipeline.MAPPER.createObjectNode();
            body.put("site", SITE);
            body.put("type", "view");
            body.put("referrer", referrers.get(i));
            body.set("article", story.json());
            Pipeline.send(pipeline.collect, body, "198.51.100." + i, BROWSER);
        }
        pipeline.aggregate();
        CounterState counters = new DynamoCounterStore(dynamo, table, Duration.ofDays(1), 1)
                .find(CounterKey.article(SITE, LocalDate.ofInstant(START, ZoneOffset.UTC), story.id())).orElseThrow();
        assertEquals(Map.of("search", 1L, "other", 3L), counters.referrerClasses());
    }

    @Test
    void theArticleRecordRemembersAFailedReadAndRetriesWithinTheRules() {
        Pipeline.Article missing = new Pipeline.Article("not-yet-published", pages.url("/world/not-yet-published"), "Leaked headline", "World", START);
        pipeline.view(SITE, missing, "198.51.100.5", BROWSER);
        run();
        ArticleRecord record = new DynamoArticleStore(dynamo, table, Duration.ofDays(1)).find(SITE, missing.id()).orElseThrow();
        assertFalse(record.known());
        assertEquals("http_status", record.failure());
        int requests = pages.requested().size();
        pipeline.clock.advance(Duration.ofMinutes(2));
        pipeline.computeTrending();
        assertEquals(requests, pages.requested().size(), "not read again before its retry time");

        pages.publish(new ArticlePages.Page(missing.id(), "/world/not-yet-published", "The published headline", "World", START));
        pipeline.clock.advance(ArticleMetadataService.RETRY_AFTER);
        pipeline.computeTrending();
        assertEquals("The published headline", item(TOP_1H, missing.id()).get("title").asText());
    }
}
