package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.model.ArticleRecord;
import io.readpulse.store.dynamodb.DynamoArticleStore;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * --demo: the real series replayed through the collect handler and counted by the aggregator, then
 * the schedule once, which fills the lists from the demo articles' own pages.
 */
class DemoTrafficIT {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyDemoArticleIsReadByItsOwnPageAndTheReplayIsCountedInFull() throws Exception {
        try (LocalReadpulse local = LocalReadpulse.start(LocalReadpulse.Options.forTests())) {
            List<DemoTraffic.DemoArticle> articles = DemoTraffic.articles(local.files());
            assertEquals(7, articles.size());
            assertEquals(7, articles.stream().map(DemoTraffic.DemoArticle::section).distinct().count(), "one article per section");
            assertTrue(articles.stream().anyMatch(article -> DemoTraffic.FRONT_PAGE_ARTICLE.equals(article.path())));

            Instant now = Instant.now();
            DemoTraffic.Replay replay = DemoTraffic.replay(local, now);
            assertTrue(Math.abs(replay.views() - DemoTraffic.VIEWS) < 20, "about " + DemoTraffic.VIEWS + " views: " + replay.views());
            local.drainStream();

            DynamoCounterStore counters = new DynamoCounterStore(local.dynamo(), local.table(), Duration.ofDays(400), 1);
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            long views = 0;
            long shares = 0;
            for (LocalDate day = today.minusDays(3); !day.isAfter(today); day = day.plusDays(1)) {
                Optional<CounterState> site = counters.find(CounterKey.siteTotal(LocalReadpulse.DEMO_SITE, day));
                views += site.map(CounterState::views).orElse(0L);
                shares += site.map(CounterState::totalShares).orElse(0L);
            }
            assertEquals(replay.views(), views, "every replayed view is counted, on the day it was sent");
            assertEquals(replay.shares(), shares);

            Map<String, Long> todayByArticle = counters.articlesOfDay(LocalReadpulse.DEMO_SITE, today).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().views()));
            assertEquals(articles.stream().map(DemoTraffic.DemoArticle::id).collect(Collectors.toSet()), todayByArticle.keySet(),
                    "every article was read today: " + todayByArticle);

            // Lists show an article only as its own page describes it: the scheduled job reads the
            // demo pages from the runner itself (on loopback, which the runner allows its functions),
            // and the lists fill with every demo article under its page's title, link and section.
            local.runSchedule();
            Map<String, ArticleRecord> records = new DynamoArticleStore(local.dynamo(), local.table(), Duration.ofDays(400))
                    .findAll(LocalReadpulse.DEMO_SITE, articles.stream().map(DemoTraffic.DemoArticle::id).toList());
            JsonNode list = MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(local.baseUrl() + "/v1/sites/" + LocalReadpulse.DEMO_SITE + "/trending?window=7d&limit=50")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            Map<String, JsonNode> listed = new HashMap<>();
            list.path("items").forEach(item -> listed.put(item.path("id").asText(), item));
            for (DemoTraffic.DemoArticle article : articles) {
                ArticleRecord record = records.get(article.id());
                assertTrue(record != null && record.source() == ArticleRecord.Source.PAGE,
                        article.id() + " was described by its page: " + record);
                JsonNode item = listed.get(article.id());
                assertTrue(item != null, article.id() + " is in the site's 7-day top list: " + list);
                assertEquals(article.title(), item.path("title").asText());
                assertEquals(local.baseUrl() + article.path(), item.path("url").asText());
                assertEquals(article.section(), item.path("section").asText());
            }
        }
    }
}
