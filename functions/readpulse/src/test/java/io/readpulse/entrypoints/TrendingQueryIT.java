package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.http.HttpApiResponse;
import io.readpulse.store.dynamodb.DynamoSiteStore;
import io.readpulse.store.dynamodb.DynamoTrendingStore;
import io.readpulse.testkit.Fixtures;
import io.readpulse.testkit.RealEngineTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** GET /v1/sites/{site}/trending against a real engine: cacheable public JSON, one GetItem each. */
class TrendingQueryIT extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");

    Pipeline pipeline;

    @BeforeEach
    void siteWithTraffic() {
        pipeline = new Pipeline(engine, dynamo, environment(), START);
        pipeline.createSite("demo-news", "news.example", "cdn.news.example");
        pipeline.createSite("quiet-news", "quiet.example");
        for (int i = 0; i < 12; i++) {
            Pipeline.Article article = new Pipeline.Article("story-" + i, "https://news.example/world/story-" + i, "Story <b>" + i + "</b>",
                    i % 2 == 0 ? "Geopolitics & Foreign Policy" : "Economy", START.minus(Duration.ofHours(3)),
                    i % 3 == 0 ? List.of("Jane O'Neil", "Ravi Rao") : List.of("Ravi Rao"), i % 4 == 0 ? List.of("Climate") : List.of());
            pipeline.readers("demo-news", article, i + 1);
        }
        pipeline.clock.advance(Duration.ofMinutes(5));
        pipeline.aggregate();
        pipeline.computeTrending();
    }

    static JsonNode json(HttpApiResponse response) {
        try {
            return Pipeline.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theFixtureGetsTheListAsCacheablePublicJson() {
        HttpApiResponse response = pipeline.query.handle(Fixtures.event("trending-query.json"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().get("content-type"));
        String cacheControl = response.headers().get("cache-control");
        assertTrue(cacheControl.contains("max-age=30") && cacheControl.contains("s-maxage=60")
                && cacheControl.contains("stale-while-revalidate=300"), cacheControl);
        assertEquals("*", response.headers().get("access-control-allow-origin"));
        String etag = response.headers().get("etag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{27}\""), "a strong ETag: " + etag);

        JsonNode body = json(response);
        assertEquals("demo-news", body.get("site").asText());
        assertEquals("top", body.get("mode").asText());
        assertEquals("24h", body.get("window").asText());
        assertEquals(5, body.get("limit").asInt());
        assertEquals(pipeline.clock.instant().toString(), body.get("generatedAt").asText());
        assertEquals(List.of("news.example", "cdn.news.example"), List.of(body.get("domains").get(0).asText(), body.get("domains").get(1).asText()));
        JsonNode items = body.get("items");
        assertEquals(5, items.size());
        JsonNode first = items.get(0);
        assertEquals(1, first.get("rank").asInt());
        assertEquals("story-11", first.get("id").asText());
        assertEquals("Story <b>11</b>", first.get("title").asText(), "titles are data, sent as they came");
        assertEquals("https://news.example/world/story-11", first.get("url").asText());
        assertEquals("Economy", first.get("section").asText());
        assertEquals("economy", first.get("sectionSlug").asText());
        assertTrue(first.get("image").isNull());
        assertEquals(START.minus(Duration.ofHours(3)).toString(), first.get("publishedAt").asText());
        assertFalse(first.get("pinned").asBoolean());
        assertTrue(first.get("score").asDouble() > 10);
        assertEquals(12, first.get("breakdown").get("recentReads").asInt());
        assertEquals(5, items.get(4).get("rank").asInt());
    }

    @Test
    void aMatchingIfNoneMatchGets304WithoutABody() {
        HttpApiResponse first = pipeline.query("demo-news", Map.of("mode", "top"));
        String etag = first.headers().get("etag");
        assertEquals(etag, pipeline.query("demo-news", Map.of("mode", "top")).headers().get("etag"), "same list, same tag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            ObjectNode event = Pipeline.queryEvent("demo-news", Map.of("mode", "top"));
            ((ObjectNode) event.get("headers")).put("if-none-match", ifNoneMatch);
            HttpApiResponse notModified = pipeline.query.handle(event);
            assertEquals(304, notModified.statusCode(), ifNoneMatch);
            assertEquals("", notModified.body());
            assertEquals(etag, notModified.headers().get("etag"));
            assertEquals(TrendingQueryHandler.CACHE_CONTROL, notModified.headers().get("cache-control"));
            assertEquals("*", notModified.headers().get("access-control-allow-origin"));
        }

        ObjectNode stale = Pipeline.queryEvent("demo-news", Map.of("mode", "top"));
        ((ObjectNode) stale.get("headers")).put("if-none-match", "\"an-older-list\"");
        assertEquals(200, pipeline.query.handle(stale).statusCode());

        pipeline.clock.advance(Duration.ofMinutes(1));
        pipeline.computeTrending();
        assertNotEquals(etag, pipeline.query("demo-news", Map.of("mode", "top")).headers().get("etag"), "a new list, a new tag");
    }

    @Test
    void eachRequestIsOneGetItem() {
        List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        DynamoDbClient recording = engine.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        });
        TrendingQueryHandler handler = new TrendingQueryHandler(new DynamoTrendingStore(recording, table),
                new DynamoSiteStore(recording, table), pipeline.clock);
        handler.handle(Pipeline.queryEvent("demo-news", Map.of("section", "economy", "mode", "fresh", "window", "1h", "limit", "3")));
        handler.handle(Fixtures.event("trending-query-section-rising.json"));
        handler.handle(Pipeline.queryEvent("demo-news", Map.of("author", "jane-o-neil", "mode", "top", "window", "7d")));
        handler.handle(Pipeline.queryEvent("demo-news", Map.of("tag", "climate", "limit", "2")));

        assertEquals(4, requests.size(), requests.toString());
        assertTrue(requests.stream().allMatch(request -> request instanceof GetItemRequest));
    }

    @Test
    void aSectionListHoldsOnlyThatSection() {
        JsonNode items = pipeline.trending("demo-news", Map.of("section", "geopolitics-foreign-policy", "limit", "50")).get("items");
        assertEquals(6, items.size());
        items.forEach(item -> assertEquals("geopolitics-foreign-policy", item.get("sectionSlug").asText()));
    }

    @Test
    void anAuthorsOrATagsListHoldsOnlyTheArticlesDescribedWithItAndNamesIt() {
        JsonNode jane = pipeline.trending("demo-news", Map.of("author", "jane-o-neil", "limit", "50"));
        assertEquals("jane-o-neil", jane.get("author").asText());
        assertEquals("Jane O'Neil", jane.get("authorName").asText());
        assertTrue(jane.get("section").isNull());
        assertFalse(jane.has("tag"), "only the scope asked for is named");
        assertEquals(List.of("story-9", "story-6", "story-3", "story-0"), ids(jane));
        assertEquals(List.of(1, 2, 3, 4), ranks(jane));

        JsonNode climate = pipeline.trending("demo-news", Map.of("tag", "climate", "mode", "fresh", "window", "1h"));
        assertEquals("climate", climate.get("tag").asText());
        assertEquals("Climate", climate.get("tagName").asText());
        assertFalse(climate.has("author"));
        assertEquals(List.of("story-8", "story-4", "story-0"), ids(climate));
        assertEquals(12, pipeline.trending("demo-news", Map.of("author", "ravi-rao", "limit", "50")).get("items").size());
        assertFalse(pipeline.trending("demo-news", Map.of()).has("author"), "a site's list reads as it did");
    }

    @Test
    void anAuthorOrTagWithoutAListGetsWhatAnUnknownSectionGets() {
        for (String parameter : List.of("author", "tag")) {
            JsonNode none = pipeline.trending("demo-news", Map.of(parameter, "nobody-at-all"));
            assertEquals("nobody-at-all", none.get(parameter).asText());
            assertTrue(none.get(parameter + "Name").isNull());
            assertTrue(none.get("items").isEmpty());
            assertTrue(none.get("generatedAt").isNull());
            assertEquals("news.example", none.get("domains").get(0).asText());
            assertEquals(404, pipeline.query("no-such-site", Map.of(parameter, "jane-o-neil")).statusCode());
        }
    }

    @ParameterizedTest
    @CsvSource({"section, author, author", "section, tag, tag", "author, tag, tag"})
    void twoOfSectionAuthorAndTagAre400NamingTheSecond(String first, String second, String field) {
        HttpApiResponse response = pipeline.query("demo-news", Map.of(first, "economy", second, "climate"));
        assertEquals(400, response.statusCode());
        assertEquals(field, json(response).get("error").get("field").asText());
        assertEquals("*", response.headers().get("access-control-allow-origin"));
    }

    static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static List<Integer> ranks(JsonNode body) {
        List<Integer> ranks = new ArrayList<>();
        body.get("items").forEach(item -> ranks.add(item.get("rank").asInt()));
        return ranks;
    }

    @Test
    void aLimitOverFiftyIsClampedToFifty() {
        JsonNode body = pipeline.trending("demo-news", Map.of("limit", "500"));
        assertEquals(50, body.get("limit").asInt());
        assertEquals(12, body.get("items").size());
    }

    @Test
    void anUnknownSiteIs404AndAKnownSiteWithoutTrafficAnEmptyList() {
        HttpApiResponse unknown = pipeline.query("no-such-site", Map.of());
        assertEquals(404, unknown.statusCode());
        assertEquals("site", json(unknown).get("error").get("field").asText());
        assertEquals("*", unknown.headers().get("access-control-allow-origin"));

        JsonNode quiet = pipeline.trending("quiet-news", Map.of());
        assertTrue(quiet.get("items").isEmpty());
        assertTrue(quiet.get("generatedAt").isNull());
        assertEquals("quiet.example", quiet.get("domains").get(0).asText());
        assertTrue(pipeline.trending("demo-news", Map.of("section", "no-such-section")).get("items").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"mode, hot", "window, 2h", "limit, 0", "limit, lots", "section, World News", "author, Jane Doe", "author, jane--o",
            "tag, <b>", "tag, Climate"})
    void aParameterOutsideItsSetIs400NamingIt(String name, String value) {
        HttpApiResponse response = pipeline.query("demo-news", Map.of(name, value));
        assertEquals(400, response.statusCode());
        JsonNode error = json(response).get("error");
        assertEquals(name, error.get("field").asText());
        assertFalse(error.get("message").asText().isEmpty());
        assertEquals("*", response.headers().get("access-control-allow-origin"));
    }

    @Test
    void aMalformedSiteIs400() {
        HttpApiResponse response = pipeline.query("Demo_News", Map.of());
        assertEquals(400, response.statusCode());
        assertEquals("site", json(response).get("error").get("field").asText());
    }
}
