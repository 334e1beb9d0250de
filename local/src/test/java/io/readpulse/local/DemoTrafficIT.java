package io.readpulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DayCounters;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** --demo: the real series replayed through the collect handler and counted by the aggregator. */
class DemoTrafficIT {

    @Test
    void everyDemoArticleIsReadByItsOwnPageAndTheReplayIsCountedInFull() {
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
                Optional<DayCounters> site = counters.find(CounterKey.siteTotal(LocalReadpulse.DEMO_SITE, day));
                views += site.map(DayCounters::views).orElse(0L);
                shares += site.map(DayCounters::totalShares).orElse(0L);
            }
            assertEquals(replay.views(), views, "every replayed view is counted, on the day it was sent");
            assertEquals(replay.shares(), shares);

            Map<String, Long> todayByArticle = counters.articlesOfDay(LocalReadpulse.DEMO_SITE, today).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().views()));
            assertEquals(articles.stream().map(DemoTraffic.DemoArticle::id).collect(Collectors.toSet()), todayByArticle.keySet(),
                    "every article was read today: " + todayByArticle);
        }
    }
}
