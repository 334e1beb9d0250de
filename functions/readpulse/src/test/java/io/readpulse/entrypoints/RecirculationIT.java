package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.aggregate.AggregateService;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.model.BoxEvent;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import io.readpulse.reports.Experiment;
import io.readpulse.store.dynamodb.DynamoBatchMarkers;
import io.readpulse.store.dynamodb.DynamoCounterStore;
import io.readpulse.store.dynamodb.RawEventCodec;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.MutableClock;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import io.readpulse.testkit.ReportEvents;
import io.readpulse.testkit.StreamPump;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Trending box's impressions and clicks through Collect, the table's stream, Aggregate and the
 * recirculation report on a real engine: what collect refuses (400 naming the field, nothing
 * written), what it stores, the report's exact numbers in JSON and CSV, exactly once, and an
 * experiment of two arms with known click rates.
 */
class RecirculationIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SITE = "demo-news";
    static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    MutableClock clock;
    CollectHandler collect;
    String key;

    @BeforeEach
    void siteAndHandlers() {
        createSite(SITE, "news.example");
        key = ReportEvents.createKey(dynamo, table, Clock.systemUTC(), SITE);
        clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), clock);
    }

    // --- refusals --------------------------------------------------------------------------------

    static String impression(String fields) {
        return "{\"site\":\"demo-news\",\"type\":\"impression\",\"list\":{\"mode\":\"top\",\"window\":\"24h\"},\"items\":5" + fields + "}";
    }

    static String click(String fields) {
        return "{\"site\":\"demo-news\",\"type\":\"click\",\"list\":{\"mode\":\"top\",\"window\":\"24h\"},\"position\":2"
                + ",\"target\":{\"id\":\"b\"}" + fields + "}";
    }

    static Stream<Arguments> refusals() {
        String list = "\"list\":{\"mode\":\"top\",\"window\":\"24h\"}";
        return Stream.of(
                Arguments.of("no list", impression("").replace(list + ",", ""), "missing_field", "list"),
                Arguments.of("a list that is a string", impression("").replace(list, "\"list\":\"top-24h\""), "wrong_type", "list"),
                Arguments.of("an unknown mode", impression("").replace("\"top\"", "\"best\""), "unknown_mode", "list.mode"),
                Arguments.of("an unknown window", click("").replace("\"24h\"", "\"2h\""), "unknown_window", "list.window"),
                Arguments.of("a window that is a number", impression("").replace("\"24h\"", "24"), "wrong_type", "list.window"),
                Arguments.of("a section that is a name, not a slug", impression("").replace("\"24h\"}", "\"24h\",\"section\":\"World News\"}"),
                        "invalid_section", "list.section"),
                Arguments.of("an arm that is not mode-window", impression(",\"arm\":\"top_24h\""), "invalid_arm", "arm"),
                Arguments.of("an arm of an unknown window", click(",\"arm\":\"top-2h\""), "invalid_arm", "arm"),
                Arguments.of("an arm that is not the list shown", impression(",\"arm\":\"rising-1h\""), "arm_mismatch", "arm"),
                Arguments.of("no items", impression("").replace(",\"items\":5", ""), "missing_field", "items"),
                Arguments.of("items 0", impression("").replace("\"items\":5", "\"items\":0"), "out_of_range", "items"),
                Arguments.of("items 51", impression("").replace("\"items\":5", "\"items\":51"), "out_of_range", "items"),
                Arguments.of("no position", click("").replace(",\"position\":2", ""), "missing_field", "position"),
                Arguments.of("position 0", click("").replace("\"position\":2", "\"position\":0"), "out_of_range", "position"),
                Arguments.of("position 51", click("").replace("\"position\":2", "\"position\":51"), "out_of_range", "position"),
                Arguments.of("position as text", click("").replace("\"position\":2", "\"position\":\"2\""), "out_of_range", "position"),
                Arguments.of("position 1.5", click("").replace("\"position\":2", "\"position\":1.5"), "out_of_range", "position"),
                Arguments.of("a target that is not an article id", click("").replace("{\"id\":\"b\"}", "{\"id\":\"../admin\"}"),
                        "invalid_article_id", "target.id"),
                Arguments.of("a target that is a string", click("").replace("{\"id\":\"b\"}", "\"b\""), "wrong_type", "target"),
                Arguments.of("a page article that is not an article id", impression(",\"article\":{\"id\":\"a b\"}"),
                        "invalid_article_id", "article.id"),
                Arguments.of("a view via something else", "{\"site\":\"demo-news\",\"type\":\"view\",\"via\":\"cookie\",\"article\":"
                        + "{\"id\":\"a1\",\"url\":\"https://news.example/a1\",\"title\":\"T\",\"section\":\"World\","
                        + "\"publishedAt\":\"2026-11-29T06:00:00Z\"}}", "unknown_via", "via"),
                Arguments.of("a good impression with a bad click", "{\"site\":\"demo-news\",\"events\":["
                        + impression("").replace("\"site\":\"demo-news\",", "") + ","
                        + click("").replace("\"site\":\"demo-news\",", "").replace("\"position\":2", "\"position\":99") + "]}",
                        "out_of_range", "events[1].position"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadFieldIsA400NamingItAndNothingIsWritten(String problem, String body, String code, String field) {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        HttpApiResponse response = collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "198.51.100.1", "Mozilla/5.0 reader"));

        assertEquals(400, response.statusCode(), problem + ": " + response.body());
        JsonNode error = CollectIT.json(response).get("error");
        assertEquals(code, error.path("code").asText(), problem + ": " + response.body());
        assertEquals(field, error.path("field").asText(), problem);
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), problem + ": the table must be unchanged");
    }

    // --- what is stored ----------------------------------------------------------------------------

    @Test
    void anImpressionAndAClickAreStoredInAFewShortAttributesAndARetryStoresNothingNew() {
        long ts = clock.instant().toEpochMilli();
        String body = "{\"site\":\"demo-news\",\"events\":["
                + "{\"type\":\"impression\",\"id\":\"k3J9w0tYq2xV1bC8nM4aLg\",\"ts\":" + ts + ",\"list\":{\"mode\":\"rising\",\"window\":\"1h\","
                + "\"section\":\"world\"},\"arm\":\"rising-1h\",\"items\":5,\"article\":{\"id\":\"summit-in-the-capital\"}},"
                + "{\"type\":\"click\",\"id\":\"Zq1mX0b4T9pQw2EeR7uYsA\",\"ts\":" + ts + ",\"list\":{\"mode\":\"rising\",\"window\":\"1h\","
                + "\"section\":\"world\"},\"arm\":\"rising-1h\",\"position\":2,\"target\":{\"id\":\"port-strike-freight-rates\"},"
                + "\"article\":{\"id\":\"summit-in-the-capital\"}}]}";
        send(body, 1);
        send(body, 1);

        List<Map<String, AttributeValue>> raw = ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#" + SITE + "#");
        assertEquals(2, raw.size(), "the retry stored the same two items again");
        for (Map<String, AttributeValue> item : raw) {
            TrackedEvent event = RawEventCodec.fromItem(item);
            assertNull(event.articleId(), "the page's article is checked, not kept");
            BoxEvent box = event.box();
            assertEquals("rising-1h", box.list());
            assertEquals("world", box.section());
            assertEquals("rising-1h", box.arm());
            if (event.type() == EventType.IMPRESSION) {
                assertEquals(5, box.items());
            } else {
                assertEquals(2, box.position());
                assertEquals("port-strike-freight-rates", box.target());
            }
            long bytes = CollectDimensionsIT.itemBytes(item);
            assertTrue(bytes < 250, event.type() + ": " + bytes + " bytes");
        }
    }

    // --- the report ------------------------------------------------------------------------------

    /**
     * Three readers see the box (one on a section's rising list), two follow it and read on; two
     * others read without it; a bot sees and clicks. Every figure of the report is known.
     */
    void knownTraffic() {
        send(impression(""), 0);
        send(click(""), 0);
        send(view("b", "Bridges reopen after the storm", true), 0);
        send(engage("b", 30, true), 0);
        send(click(""), 0);
        send("{\"site\":\"demo-news\",\"type\":\"impression\",\"list\":{\"mode\":\"rising\",\"window\":\"1h\",\"section\":\"world\"},\"items\":3}", 1);
        send("{\"site\":\"demo-news\",\"type\":\"click\",\"list\":{\"mode\":\"rising\",\"window\":\"1h\",\"section\":\"world\"},\"position\":1,"
                + "\"target\":{\"id\":\"c\"}}", 1);
        send(view("c", "Ceasefire holds, \"for now\"", true), 1);
        send(engage("c", 10, true), 1);
        send(impression(""), 2);
        send(view("a", "Atlas of the city", false), 3);
        send(engage("a", 40, false), 3);
        send(view("b", "Bridges reopen after the storm", false), 4);
        send(engage("b", 20, false), 4);
        sendAsBot(impression(""));
        sendAsBot(click(""));
    }

    @Test
    void theReportGivesEveryFigureExactlyInJsonAndCsvAndARedeliveredBatchAddsNothing() {
        knownTraffic();
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(
                new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4), new DynamoBatchMarkers(dynamo, table), clock));
        List<ObjectNode> batches = StreamPump.batches(pump.poll(), 7);
        batches.forEach(aggregate::handle);
        Map<String, AttributeValue> boxItem = boxItem();
        batches.forEach(aggregate::handle);
        assertEquals(boxItem, boxItem(), "a redelivered batch changes nothing");

        clock.set(Instant.parse("2026-11-29T12:00:00Z"));
        ReportsHandler reports = new ReportsHandler(environment(), dynamo, clock);
        JsonNode report = json(reports, "from", "2026-11-29", "to", "2026-11-29");

        assertEquals(3, report.get("impressions").asLong());
        assertEquals(3, report.get("clicks").asLong());
        assertEquals(1.0, report.get("ctr").asDouble());
        assertEquals(2, report.get("bots").asLong(), "the bot's impression and click count as bots only");
        assertEquals("[{\"list\":\"top-24h\",\"mode\":\"top\",\"window\":\"24h\",\"section\":null,\"impressions\":2,\"clicks\":2,\"ctr\":1.0},"
                + "{\"list\":\"rising-1h/world\",\"mode\":\"rising\",\"window\":\"1h\",\"section\":\"world\",\"impressions\":1,\"clicks\":1,\"ctr\":1.0}]",
                report.get("lists").toString());
        assertEquals("[{\"position\":1,\"impressions\":3,\"clicks\":1,\"ctr\":0.333333},{\"position\":2,\"impressions\":3,\"clicks\":2,\"ctr\":0.666667},"
                + "{\"position\":3,\"impressions\":3,\"clicks\":0,\"ctr\":0.0},{\"position\":4,\"impressions\":2,\"clicks\":0,\"ctr\":0.0},"
                + "{\"position\":5,\"impressions\":2,\"clicks\":0,\"ctr\":0.0}]", report.get("positions").toString());
        assertEquals("[{\"rank\":1,\"id\":\"b\",\"title\":\"Bridges reopen after the storm\",\"url\":\"https://news.example/b\",\"clicks\":2},"
                + "{\"rank\":2,\"id\":\"c\",\"title\":\"Ceasefire holds, \\\"for now\\\"\",\"url\":\"https://news.example/c\",\"clicks\":1}]",
                report.get("articles").toString());
        assertEquals(0, report.get("otherArticleClicks").asLong());
        assertEquals("{\"fromBox\":{\"views\":2,\"reads\":2,\"engagedSeconds\":40,\"engagedSecondsPerRead\":20.0},"
                + "\"notFromBox\":{\"views\":2,\"reads\":2,\"engagedSeconds\":60,\"engagedSecondsPerRead\":30.0}}", report.get("engagement").toString());
        assertEquals(0, report.at("/experiment/arms").size());
        JsonNode hour8 = report.get("series").get(0);
        assertEquals(3, hour8.get("impressions").asLong());

        String csv = csv(reports, "from", "2026-11-29", "to", "2026-11-29");
        assertEquals(String.join("\r\n",
                "kind,name,title,impressions,clicks,ctr,ci_low,ci_high,versus,p_value,impressions_still_needed,views,reads,engaged_seconds,engaged_seconds_per_read",
                "total,box,,3,3,1,,,,,,,,,",
                "list,top-24h,,2,2,1,,,,,,,,,",
                "list,rising-1h/world,,1,1,1,,,,,,,,,",
                "position,1,,3,1,0.333333,,,,,,,,,",
                "position,2,,3,2,0.666667,,,,,,,,,",
                "position,3,,3,0,0,,,,,,,,,",
                "position,4,,2,0,0,,,,,,,,,",
                "position,5,,2,0,0,,,,,,,,,",
                "article,b,Bridges reopen after the storm,,2,,,,,,,,,,",
                "article,c,\"Ceasefire holds, \"\"for now\"\"\",,1,,,,,,,,,,",
                "article,(other articles),,,0,,,,,,,,,,",
                "engagement,from_box,,,,,,,,,,2,2,40,20",
                "engagement,not_from_box,,,,,,,,,,2,2,60,30") + "\r\n", csv);
    }

    @Test
    void twoArmsWithKnownClickRatesGetThoseRatesAndIntervalsThatHoldThem() {
        // 2,000 impressions an arm; every 25th impression of top-24h is clicked (4 %), 7 of every 100 of rising-1h (7 %).
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            events.add(armEvent("impression", "top", "24h", ",\"items\":5"));
            if (i % 25 == 0) {
                events.add(armEvent("click", "top", "24h", ",\"position\":" + (1 + i % 5)));
            }
            events.add(armEvent("impression", "rising", "1h", ",\"items\":5"));
            if (i % 100 < 7) {
                events.add(armEvent("click", "rising", "1h", ",\"position\":" + (1 + i % 5)));
            }
        }
        for (int start = 0; start < events.size(); start += 50) {
            send("{\"site\":\"demo-news\",\"events\":[" + String.join(",", events.subList(start, Math.min(events.size(), start + 50))) + "]}",
                    start / 50);
        }
        StreamPump pump = new StreamPump(engine.streams(), dynamo, table);
        AggregateHandler aggregate = new AggregateHandler(new AggregateService(
                new DynamoCounterStore(dynamo, table, Duration.ofDays(400), 4), new DynamoBatchMarkers(dynamo, table), clock));
        StreamPump.batches(pump.poll(), 10_000).forEach(aggregate::handle);

        clock.set(Instant.parse("2026-11-29T12:00:00Z"));
        JsonNode arms = json(new ReportsHandler(environment(), dynamo, clock), "from", "2026-11-29", "to", "2026-11-29").at("/experiment/arms");

        assertEquals(2, arms.size());
        JsonNode rising = arms.get(0);
        JsonNode top = arms.get(1);
        assertEquals("rising-1h", rising.get("arm").asText(), "the leader first");
        assertEquals(2000, rising.get("impressions").asLong());
        assertEquals(140, rising.get("clicks").asLong());
        assertEquals(0.07, rising.get("ctr").asDouble());
        assertEquals(2000, top.get("impressions").asLong());
        assertEquals(80, top.get("clicks").asLong());
        assertEquals(0.04, top.get("ctr").asDouble());
        assertTrue(rising.at("/ci95/low").asDouble() < 0.07 && 0.07 < rising.at("/ci95/high").asDouble(), rising.toString());
        assertTrue(top.at("/ci95/low").asDouble() < 0.04 && 0.04 < top.at("/ci95/high").asDouble(), top.toString());
        assertTrue(top.at("/ci95/high").asDouble() < rising.at("/ci95/low").asDouble(), "at this size the intervals part");
        assertEquals("top-24h", rising.get("versus").asText());
        assertTrue(top.get("pValue").asDouble() < 0.001, "z ≈ 4.1: " + top);
        assertEquals(Experiment.impressionsNeeded(0.07, 0.04), top.get("impressionsNeeded").asLong());
        assertEquals(906, top.get("impressionsNeeded").asLong());
        assertEquals(0, top.get("impressionsStillNeeded").asLong(), "2,000 an arm is more than enough");
    }

    // --- traffic ---------------------------------------------------------------------------------

    static String armEvent(String type, String mode, String window, String fields) {
        return "{\"type\":\"" + type + "\",\"list\":{\"mode\":\"" + mode + "\",\"window\":\"" + window + "\"},\"arm\":\""
                + mode + "-" + window + "\"" + fields + "}";
    }

    static String view(String id, String title, boolean viaBox) {
        return "{\"site\":\"demo-news\",\"type\":\"view\"" + (viaBox ? ",\"via\":\"box\"" : "") + ",\"article\":{\"id\":\"" + id
                + "\",\"url\":\"https://news.example/" + id + "\",\"title\":" + quoted(title) + ",\"section\":\"World\","
                + "\"publishedAt\":\"2026-11-29T06:00:00Z\"}}";
    }

    static String engage(String id, int seconds, boolean viaBox) {
        return "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":" + seconds + (viaBox ? ",\"via\":\"box\"" : "")
                + ",\"article\":{\"id\":\"" + id + "\",\"url\":\"https://news.example/" + id + "\"}}";
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void send(String body, int reader) {
        HttpApiResponse response = collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "198.51.100." + (10 + reader % 200),
                "Mozilla/5.0 (X11; Linux x86_64) reader-" + reader));
        assertEquals(202, response.statusCode(), response.body());
    }

    private void sendAsBot(String body) {
        assertEquals(202, collect.handle(Fixtures.asVisitor(Fixtures.collectEvent(body), "192.0.2.200", BOT)).statusCode());
    }

    private Map<String, AttributeValue> boxItem() {
        List<Map<String, AttributeValue>> items = ReadpulseTable.itemsWithPrefix(dynamo, table, "SD#" + SITE + "#2026-11-29").stream()
                .filter(item -> item.get("sk").s().equals("box")).toList();
        assertEquals(1, items.size());
        assertFalse(items.get(0).isEmpty());
        return items.get(0);
    }

    private JsonNode json(ReportsHandler reports, String... query) {
        HttpApiResponse response = reports.handle(ReportEvents.get(SITE, "recirculation", key, query));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String csv(ReportsHandler reports, String... query) {
        ObjectNode event = ReportEvents.get(SITE, "recirculation", key, query);
        Fixtures.withHeader(event, "accept", "text/csv");
        HttpApiResponse response = reports.handle(event);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
