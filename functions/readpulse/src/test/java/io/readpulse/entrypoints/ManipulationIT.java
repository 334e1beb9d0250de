package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.config.Environment;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.StreamPump;
import io.readpulse.testkit.WrittenItemsStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attempts to move the numbers: a reload flood from one visitor, bots, and one site writing into
 * another's data. The flood runs on a stream-less table with the stream played from collect's
 * writes, since Dynoxide's own stream slows down at 10,000 events (see ReadpulseTable).
 */
class ManipulationIT extends RealEngineTest {
    static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-29");
    static final String VIEW = "{\"site\":\"demo-news\",\"type\":\"view\",\"article\":{\"id\":\"target\",\"url\":\"https://news.example/target\","
            + "\"title\":\"Target\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T08:00:00Z\"}}";

    MutableClock clock;

    @BeforeEach
    void site() {
        createSite("demo-news", "news.example");
        createSite("other-news", "other.example");
        clock = new MutableClock(NOW);
    }

    @Test
    void oneVisitorReloadingTenThousandTimesMovesReadsAndVisitorsByAHandful() {
        String quiet = table + "-flood";
        ReadpulseTable.create(dynamo, quiet, false);
        dynamo.putItem(request -> request.tableName(quiet).item(siteItem()));
        WrittenItemsStream stream = new WrittenItemsStream();
        DynamoDbClient recorded = engine.client(stream);
        CollectHandler collect = new CollectHandler(CollectHandler.wire(environmentFor(quiet), recorded), clock);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(202, collect.handle(Fixtures.collectEvent(VIEW)).statusCode());
            clock.advance(Duration.ofMillis(30));
        }
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, quiet, Duration.ofDays(400), 8), new DynamoBatchMarkers(dynamo, quiet), clock));
        StreamPump.batches(stream.drain(), 1_000).forEach(aggregate::handle);

        CounterState article = new DynamoCounterStore(dynamo, quiet, Duration.ofDays(400), 1)
                .find(CounterKey.article("demo-news", DAY, "target")).orElseThrow();
        assertEquals(10_000, article.views(), "views count every page load, as a hit counter does");
        assertTrue(article.reads() <= 3, "reads, which drive Trending, moved by " + article.reads());
        assertEquals(1, article.visitors().estimate());
        double score = DecayWindow.ONE_DAY.decayedValue(article.decayedReads(DecayWindow.ONE_DAY), 9 * 3600 + 300);
        assertTrue(score <= 3, "the 24h trending score moved by " + score);
    }

    @Test
    void aThousandViewsFromABotOrAHeadlessBrowserAreBotTraffic() {
        CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        for (int i = 0; i < 1_000; i++) {
            String agent = i % 2 == 0 ? "Googlebot/2.1 (+http://www.google.com/bot.html)"
                    : "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
            ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(VIEW), "198.51.100." + (i % 200), agent);
            HttpApiResponse response = collect.handle(event);
            assertEquals(202, response.statusCode());
        }
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 8), new DynamoBatchMarkers(dynamo, table), clock));
        StreamPump.batches(new StreamPump(engine.streams(), dynamo, table).poll(), 500).forEach(aggregate::handle);

        CounterState article = new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 1)
                .find(CounterKey.article("demo-news", DAY, "target")).orElseThrow();
        assertEquals(1_000, article.bots());
        assertEquals(0, article.views());
        assertEquals(0, article.reads());
        assertEquals(0.0, article.decayedReads(DecayWindow.ONE_HOUR));
    }

    @Test
    void aSiteCannotWriteIntoAnotherSitesData() {
        CollectHandler collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        HttpApiResponse otherDomain = collect.handle(Fixtures.collectEvent(VIEW.replace("news.example", "other.example")));
        HttpApiResponse otherSite = collect.handle(Fixtures.withHeader(Fixtures.collectEvent(VIEW.replace("demo-news", "other-news")), "origin", null));
        HttpApiResponse lookalike = collect.handle(Fixtures.collectEvent(VIEW.replace("https://news.example/", "https://news.example.evil.test/")));

        assertEquals(400, otherDomain.statusCode(), "demo-news may not report pages of other.example");
        assertEquals(400, otherSite.statusCode(), "other-news may not report pages of news.example");
        assertEquals(403, collect.handle(Fixtures.withHeader(Fixtures.collectEvent(VIEW.replace("demo-news", "other-news")
                .replace("news.example", "other.example")), "origin", "https://news.example")).statusCode(),
                "a page on news.example may not report for other-news");
        assertEquals(400, lookalike.statusCode(), "a look-alike host is not a subdomain");
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    private Map<String, AttributeValue> siteItem() {
        return ReadpulseTable.snapshot(dynamo, table).get("SITES|demo-news");
    }

    private Environment environmentFor(String otherTable) {
        Map<String, String> variables = new HashMap<>(environment().variables());
        variables.put(Environment.TABLE_NAME, otherTable);
        return new Environment(variables);
    }
}
