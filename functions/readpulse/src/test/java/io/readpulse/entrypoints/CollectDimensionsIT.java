package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.http.ViewerAddress;
import io.readpulse.model.Campaign;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.dynamodb.RawEventCodec;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import java.nio.charset.StandardCharsets;
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

/**
 * Authors, tags, campaigns, read depth, device and country through the Collect handler on a real
 * engine: what is accepted is in the raw event, in a few bytes; each kind of bad value is a 400
 * naming its field, and nothing of the request is written.
 */
class CollectDimensionsIT extends RealEngineTest {
    static final Instant NOW = Instant.parse("2026-11-29T08:15:00Z");
    static final String EDGE_SECRET = "5f3a9c1e-77aa-11ee-b962-0242ac120002";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            + "Version/17.6 Mobile/15E148 Safari/604.1";

    CollectHandler collect;

    @BeforeEach
    void siteAndHandler() {
        createSite("demo-news", "news.example");
        collect = new CollectHandler(CollectHandler.wire(environment(), dynamo), new ViewerAddress(EDGE_SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A view of a typical news article: 2 authors, 5 tags, landed on from a newsletter. */
    static final String NEWSLETTER_VIEW = "{\"site\":\"demo-news\",\"type\":\"view\",\"id\":\"k3J9w0tYq2xV1bC8nM4aLg\",\"ts\":" + NOW.toEpochMilli()
            + ",\"referrer\":\"https://mail.example/\",\"utm_source\":\"newsletter\",\"utm_medium\":\"email\",\"utm_campaign\":\"morning-briefing-2026-11-29\","
            + "\"article\":{\"id\":\"raisi-putin-moscow\",\"url\":\"https://news.example/geopolitics/2026/11/29/raisi-putin-moscow\","
            + "\"title\":\"Raisi and Putin meet in Moscow as Gaza war strains ties with the West\",\"section\":\"Geopolitics & Foreign Policy\","
            + "\"publishedAt\":\"2026-11-29T06:30:00Z\",\"image\":\"https://news.example/images/2026/11/raisi-putin-moscow-1200.jpg\","
            + "\"authors\":[\"Maria Fernanda Albuquerque\",\"Jonathan Whitcombe-Harris\"],"
            + "\"tags\":[\"Iran\",\"Russia\",\"Middle East conflict\",\"Diplomacy\",\"Vladimir Putin\"]}}";

    ObjectNode fromEdge(String body, String userAgent, String country) {
        ObjectNode event = Fixtures.asVisitor(Fixtures.collectEvent(body), "130.176.1.1", userAgent);
        Fixtures.withHeader(event, "x-readpulse-edge", EDGE_SECRET);
        Fixtures.withHeader(event, "cloudfront-viewer-address", "203.0.113.7:50123");
        Fixtures.withHeader(event, "cloudfront-viewer-country", country);
        return event;
    }

    Map<String, AttributeValue> onlyRawEvent() {
        List<Map<String, AttributeValue>> raw = ReadpulseTable.itemsWithPrefix(dynamo, table, "EV#demo-news#");
        assertEquals(1, raw.size(), "one raw event");
        return raw.get(0);
    }

    @Test
    void aViewKeepsItsAuthorsTagsCampaignDeviceAndCountryAndNotTheUserAgent() {
        HttpApiResponse response = collect.handle(fromEdge(NEWSLETTER_VIEW, IPHONE, "PT"));

        assertEquals(202, response.statusCode(), response.body());
        Map<String, AttributeValue> item = onlyRawEvent();
        TrackedEvent event = RawEventCodec.fromItem(item);
        assertEquals(List.of("Maria Fernanda Albuquerque", "Jonathan Whitcombe-Harris"), event.meta().authors());
        assertEquals(List.of("Iran", "Russia", "Middle East conflict", "Diplomacy", "Vladimir Putin"), event.meta().tags());
        assertEquals(new Campaign("newsletter", "email", "morning-briefing-2026-11-29"), event.campaign());
        assertEquals(DeviceClass.MOBILE, event.device());
        assertEquals("PT", event.country());
        assertNull(event.readDepth());
        String everything = ReadpulseTable.snapshot(dynamo, table).toString();
        assertFalse(everything.contains("iPhone OS"), "the user agent is not stored");
        assertFalse(everything.contains("203.0.113.7"), "nor the address");

        long bytes = itemBytes(item);
        System.out.println("raw view with 2 authors, 5 tags and a campaign: " + bytes + " bytes");
        assertTrue(bytes < 1024, "one write unit: " + bytes + " bytes");
    }

    /**
     * The same view with its 2 authors, 5 tags and 3 utm values at their longest: the limits allow
     * more than one write unit, which only a view whose claim or campaign is that long pays.
     */
    @Test
    void aViewWithTheLongestAuthorsTagsAndCampaignStaysWithinTwoWriteUnits() {
        String longest = NEWSLETTER_VIEW
                .replace("Maria Fernanda Albuquerque", "M".repeat(100)).replace("Jonathan Whitcombe-Harris", "J".repeat(100))
                .replace("\"Iran\",\"Russia\",\"Middle East conflict\",\"Diplomacy\",\"Vladimir Putin\"", names(5, 100).substring(1, names(5, 100).length() - 1))
                .replace("\"newsletter\"", "\"" + "s".repeat(200) + "\"").replace("\"email\"", "\"" + "m".repeat(200) + "\"")
                .replace("morning-briefing-2026-11-29", "c".repeat(200));
        assertEquals(202, collect.handle(fromEdge(longest, IPHONE, "PT")).statusCode());
        long bytes = itemBytes(onlyRawEvent());
        System.out.println("raw view with 2 authors, 5 tags and a campaign at their longest: " + bytes + " bytes");
        assertTrue(bytes < 2048, bytes + " bytes");
    }

    @Test
    void anEngagementPingKeepsItsReadDepth() {
        String ping = "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":15,\"depth\":60,"
                + "\"article\":{\"id\":\"raisi-putin-moscow\",\"url\":\"https://news.example/geopolitics/raisi-putin-moscow\"}}";
        assertEquals(202, collect.handle(fromEdge(ping, Fixtures.event("collect-view.json").at("/headers/user-agent").asText(), "de")).statusCode());
        TrackedEvent event = RawEventCodec.fromItem(onlyRawEvent());
        assertEquals(50, event.readDepth(), "kept as the milestone reached");
        assertEquals(DeviceClass.DESKTOP, event.device());
        assertEquals("DE", event.country());
        assertNull(event.campaign());
    }

    @Test
    void withoutTheEdgesSecretTheCountryIsUnknown() {
        ObjectNode event = fromEdge(NEWSLETTER_VIEW, IPHONE, "PT");
        Fixtures.withHeader(event, "x-readpulse-edge", "a-guess");
        assertEquals(202, collect.handle(event).statusCode());
        Map<String, AttributeValue> item = onlyRawEvent();
        assertFalse(item.containsKey("cc"), "unknown is left out of the item");
        assertEquals(TrackedEvent.UNKNOWN_COUNTRY, RawEventCodec.fromItem(item).country());
    }

    static String view(String eventExtra, String articleExtra) {
        return "{\"site\":\"demo-news\",\"type\":\"view\"" + eventExtra + ",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\","
                + "\"title\":\"T\",\"section\":\"World\",\"publishedAt\":\"2026-11-29T06:00:00Z\"" + articleExtra + "}}";
    }

    static String engage(String extra) {
        return "{\"site\":\"demo-news\",\"type\":\"engage\",\"seconds\":15" + extra + ",\"article\":{\"id\":\"a1\",\"url\":\"https://news.example/a1\"}}";
    }

    static String names(int count, int length) {
        StringBuilder names = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            names.append(i == 0 ? "" : ",").append('"').append((i + "-" + "n".repeat(length)), 0, length).append('"');
        }
        return names.append(']').toString();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("11 authors", view("", ",\"authors\":" + names(11, 10)), "too_many", "article.authors"),
                Arguments.of("an author of 101 characters", view("", ",\"authors\":" + names(1, 101)), "too_long", "article.authors[0]"),
                Arguments.of("21 tags", view("", ",\"tags\":" + names(21, 10)), "too_many", "article.tags"),
                Arguments.of("a tag of 101 characters", view("", ",\"tags\":[\"ok\"," + names(1, 101).substring(1)), "too_long", "article.tags[1]"),
                Arguments.of("authors as one string", view("", ",\"authors\":\"Ana, Bo\""), "wrong_type", "article.authors"),
                Arguments.of("a tag that is a number", view("", ",\"tags\":[2026]"), "wrong_type", "article.tags[0]"),
                Arguments.of("an empty author", view("", ",\"authors\":[\"\"]"), "missing_field", "article.authors[0]"),
                Arguments.of("a control character in an author", view("", ",\"authors\":[\"Ana\\u0000\"]"), "invalid_text", "article.authors[0]"),
                Arguments.of("a direction override in a tag", view("", ",\"tags\":[\"\\u202egat\"]"), "invalid_text", "article.tags[0]"),
                Arguments.of("utm_source a number", view(",\"utm_source\":42", ""), "wrong_type", "utm_source"),
                Arguments.of("utm_medium an object", view(",\"utm_medium\":{\"x\":1}", ""), "wrong_type", "utm_medium"),
                Arguments.of("utm_campaign an array", view(",\"utm_campaign\":[\"spring\"]", ""), "wrong_type", "utm_campaign"),
                Arguments.of("utm_campaign of 201 characters", view(",\"utm_campaign\":\"" + "c".repeat(201) + "\"", ""), "too_long", "utm_campaign"),
                Arguments.of("depth 101", engage(",\"depth\":101"), "out_of_range", "depth"),
                Arguments.of("depth -1", engage(",\"depth\":-1"), "out_of_range", "depth"),
                Arguments.of("depth a string", engage(",\"depth\":\"75\""), "wrong_type", "depth"),
                Arguments.of("depth a fraction", engage(",\"depth\":75.5"), "wrong_type", "depth"),
                Arguments.of("a good view spoiled by a bad ping", "{\"site\":\"demo-news\",\"events\":["
                        + view("", ",\"authors\":[\"Ana\"]").replace("\"site\":\"demo-news\",", "") + ","
                        + engage(",\"depth\":250").replace("\"site\":\"demo-news\",", "") + "]}", "out_of_range", "events[1].depth"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadValueIsA400NamingItsFieldAndNothingIsWritten(String problem, String body, String code, String field) {
        Map<String, Map<String, AttributeValue>> before = ReadpulseTable.snapshot(dynamo, table);

        HttpApiResponse response = collect.handle(fromEdge(body, IPHONE, "PT"));

        assertEquals(400, response.statusCode(), problem + ": " + response.body());
        JsonNode error = CollectIT.json(response).get("error");
        assertEquals(code, error.path("code").asText(), problem);
        assertEquals(field, error.path("field").asText(), problem);
        assertEquals(before, ReadpulseTable.snapshot(dynamo, table), problem + ": the table must be unchanged");
    }

    /** DynamoDB's item size: names and values in UTF-8, numbers about a byte per two digits, 3 bytes and 1 per element for maps and lists. */
    static long itemBytes(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            total += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(attribute.getValue());
        }
        return total;
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return (value.n().length() + 1) / 2 + 1;
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + value.m().size() + itemBytes(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().size() + value.l().stream().mapToLong(CollectDimensionsIT::valueBytes).sum();
        }
        return 1;
    }
}
