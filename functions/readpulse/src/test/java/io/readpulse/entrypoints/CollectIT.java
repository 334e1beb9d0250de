package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /v1/events against a real engine: what is accepted is stored, what is refused leaves no trace. */
class CollectIT extends RealEngineTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-29T08:15:00Z");
    static final String ARTICLE_URL = "https://news.example/geopolitics/raisi-putin-moscow";

    CollectHandler collect;

    @BeforeEach
    void siteAndHandler() {
        createSite("demo-news", "news.example");
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void storesAViewDurablyBeforeAnswering202() {
        HttpApiResponse response = collect.handle(Fixtures.event("collect-view.json"));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1, json(response).get("accepted").asInt());
        List<Map<String, AttributeValue>> raw = ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#demo-news#2026112908#");
        assertEquals(1, raw.size());
        Map<String, AttributeValue> item = raw.get(0);
        assertEquals("v", item.get("t").s());
        assertEquals("raisi-putin-moscow", item.get("a").s());
        assertEquals("google.com", item.get("rh").s());
        assertEquals("search", item.get("rc").s());
        assertEquals(8, item.get("vk").s().length());
        assertEquals("Raisi and Putin meet in Moscow as Gaza war strains ties with the West", item.get("m").m().get("ti").s());
        assertTrue(Long.parseLong(item.get("ttl").n()) > NOW.getEpochSecond(), "raw events expire by TTL");
    }

    @Test
    void neverStoresTheIpAddressOrUserAgent() {
        collect.handle(Fixtures.event("collect-view.json"));
        String everything = ReadpulseTable.snapshot(dynamo, table).toString();
        assertFalse(everything.contains("203.0.113.7"), "the source IP must not be stored");
        assertFalse(everything.contains("Chrome/131"), "the user agent must not be stored");
    }

    @Test
    void acceptsABase64TextPlainBeaconBatch() {
        HttpApiResponse response = collect.handle(Fixtures.event("collect-beacon-batch.json"));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(2, json(response).get("accepted").asInt());
        assertEquals(2, ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#").size());
    }

    @Test
    void theSameReaderGetsTheSameKeyAndAnotherReaderAnother() {
        collect.handle(Fixtures.event("collect-view.json"));
        collect.handle(Fixtures.event("collect-view.json"));
        collect.handle(Fixtures.asVisitor(Fixtures.event("collect-view.json"), "198.51.100.23", "Mozilla/5.0 (iPhone) Safari/604.1"));
        List<String> keys = ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#").stream().map(item -> item.get("vk").s()).sorted().toList();
        assertEquals(3, keys.size());
        assertEquals(2, keys.stream().distinct().count());
    }

    @Test
    void headlessBrowsersAreStoredAsBotTraffic() {
        ObjectNode event = Fixtures.withHeader(Fixtures.event("collect-view.json"), "user-agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36");
        HttpApiResponse response = collect.handle(event);

        assertEquals(202, response.statusCode());
        assertEquals(1, json(response).get("bots").asInt());
        assertTrue(ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#").get(0).get("b").bool());
    }

    @Test
    void readsTheRealHttpApiAndRestApiSampleEventsOnceGivenABody() throws Exception {
        String body = Fixtures.event("collect-view.json").get("body").asText();
        for (String file : List.of("awslambdajavalibs-tests-apigw_http_event.json", "awslambdajavalibs-tests-apigw_rest_event.json",
                "samcli-apigateway-HttpApi.json")) {
            String text = Files.readString(Fixtures.repositoryRoot().resolve("functions/readpulse/src/test/resources/reference/" + file));
            text = text.replace("{{{path}}}", "v1/events").replace("{{{method}}}", "POST")
                    .replace("{{{account_id}}}", "123456789012").replace("{{{dns_suffix}}}", "amazonaws.com").replace("{{{stage}}}", "$default");
            ObjectNode event = (ObjectNode) MAPPER.readTree(text);
            event.put("body", body);
            event.put("isBase64Encoded", false);

            HttpApiResponse response = collect.handle(event);

            assertEquals(202, response.statusCode(), file + ": " + response.body());
            assertEquals(1, json(response).get("accepted").asInt(), file);
        }
    }

    static Stream<Arguments> badRequests() {
        String view = "{\"type\":\"view\",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\",\"title\":\"T\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"}}";
        ArrayNode fiftyOne = MAPPER.createArrayNode();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(MAPPER.createObjectNode().put("type", "engage").put("seconds", 5)
                    .set("article", MAPPER.createObjectNode().put("id", "a1").put("url", "https://news.example/a1")));
        }
        String longTitle = "x".repeat(301);
        return Stream.of(
                Arguments.of("malformed JSON", "{\"site\":\"demo-news\",", 400, "body"),
                Arguments.of("not an object", "[1,2,3]", 400, "body"),
                Arguments.of("wrong type of site", "{\"site\":42,\"type\":\"view\"}", 400, "site"),
                Arguments.of("wrong type of events", "{\"site\":\"demo-news\",\"events\":{}}", 400, "events"),
                Arguments.of("wrong type of seconds", "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":\"ten\",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\"}}", 400, "seconds"),
                Arguments.of("unknown site", "{\"site\":\"no-such-site\"," + view.substring(1), 404, "site"),
                Arguments.of("article URL off the site's domains", "{\"site\":\"demo-news\"," + view.substring(1).replace("https://news.example/a1", "https://evil.example/a1"), 400, "article.url"),
                Arguments.of("javascript: URL", "{\"site\":\"demo-news\"," + view.substring(1).replace("https://news.example/a1", "javascript:alert(1)"), 400, "article.url"),
                Arguments.of("missing title", "{\"site\":\"demo-news\"," + view.substring(1).replace("\"title\":\"T\",", ""), 400, "article.title"),
                Arguments.of("overlong title", "{\"site\":\"demo-news\"," + view.substring(1).replace("\"title\":\"T\"", "\"title\":\"" + longTitle + "\""), 400, "article.title"),
                Arguments.of("more than 50 events", "{\"site\":\"demo-news\",\"events\":" + fiftyOne + "}", 400, "events"),
                Arguments.of("body over 16 KB", "{\"site\":\"demo-news\",\"pad\":\"" + "x".repeat(16 * 1024) + "\"}", 413, "body"),
                Arguments.of("timestamp in the future", "{\"site\":\"demo-news\",\"ts\":" + (NOW.toEpochMilli() + 6 * 60_000) + "," + view.substring(1), 400, "ts"),
                Arguments.of("unknown event type", "{\"site\":\"demo-news\",\"type\":\"scroll\",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\"}}", 400, "type"),
                Arguments.of("unknown share network", "{\"site\":\"demo-news\",\"type\":\"share\",\"network\":\"myspace\",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\"}}", 400, "network"),
                Arguments.of("one bad event spoils the batch", "{\"site\":\"demo-news\",\"events\":[" + view + ",{\"type\":\"share\",\"network\":\"fax\",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\"}}]}", 400, "events[1].network"),
                Arguments.of("duplicate keys", "{\"site\":\"demo-news\",\"site\":\"other\"," + view.substring(1), 400, "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputNamingTheProblemAndWritesNothing(String problem, String body, int status, String field) {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        HttpApiResponse response = collect.handle(Fixtures.collectEvent(body));

        assertEquals(status, response.statusCode(), problem + ": " + response.body());
        JsonNode error = json(response).get("error");
        assertNotNull(error, "a JSON error body");
        assertTrue(error.path("field").asText().endsWith(field), problem + ": field was " + error.path("field"));
        assertFalse(error.path("message").asText().isBlank());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), problem + ": the table must be unchanged");
    }

    @Test
    void refusesOtherContentTypesAndBodiesThatAreNotBase64() {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);
        String body = Fixtures.event("collect-view.json").get("body").asText();

        HttpApiResponse form = collect.handle(Fixtures.collectEventBase64(body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
        ObjectNode notBase64 = Fixtures.collectEvent("!!! not base64 !!!");
        notBase64.put("isBase64Encoded", true);
        HttpApiResponse garbled = collect.handle(notBase64);

        assertEquals(415, form.statusCode());
        assertEquals(400, garbled.statusCode());
        assertEquals("body", json(garbled).get("error").get("field").asText());
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table));
    }

    @Test
    void aPageOnAnotherOriginMayNotReportForThisSite() {
        HttpApiResponse response = collect.handle(Fixtures.withHeader(Fixtures.event("collect-view.json"), "origin", "https://evil.example"));
        assertEquals(403, response.statusCode());
        assertTrue(ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#").isEmpty());
    }

    static JsonNode json(HttpApiResponse response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
