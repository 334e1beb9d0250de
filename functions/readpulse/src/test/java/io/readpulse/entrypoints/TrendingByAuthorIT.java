package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.readpulse.testkit.ArticlePages;
import io.readpulse.trending.TrendingService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Author and tag lists on the real engine, through collect, the aggregator, ComputeTrending (which
 * reads the publisher's pages from a real HTTP server) and TrendingQuery: an article is in an
 * author's or a tag's list only as its own page names them, whatever browsers claim.
 */
class TrendingByAuthorIT extends PublisherPagesTest {
    /** An article whose page names these authors and tags; its script claims the same. */
    Pipeline.Article publish(String id, String section, List<String> authors, List<String> tags) {
        String path = "/" + section.toLowerCase() + "/" + id;
        Instant published = START.minus(Duration.ofHours(1));
        pages.publish(new ArticlePages.Page(id, path, "Title of " + id, section, published, authors, tags));
        return new Pipeline.Article(id, pages.url(path), "Title of " + id, section, published, authors, tags);
    }

    static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** The sort keys of every list item the site has: scope#mode#window. */
    List<String> storedLists() {
        List<String> keys = new ArrayList<>();
        dynamo.queryPaginator(request -> request.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TR#" + SITE))))
                .items().forEach(item -> keys.add(item.get("sk").s()));
        return keys;
    }

    @Test
    void articlesWhosePagesNameAuthorsAndTagsGetTheirLists() {
        readers(publish("summit", "World", List.of("Jane O'Neil"), List.of("Diplomacy", "Climate")), 6, "s");
        readers(publish("strike", "Business", List.of("JANE O'NEIL", "Ravi Rao"), List.of("Labour")), 4, "p");
        readers(publish("rates", "Business", List.of("Ravi Rao"), List.of()), 2, "r");
        readers(publish("unsigned", "World", List.of(), List.of()), 1, "u");
        pipeline.aggregate();
        TrendingService.RunSummary run = pipeline.computeTrending();

        assertEquals(4, run.pagesRead(), "one page read per article, as without authors and tags");
        assertEquals(9 * (1 + 2 + 2 + 3), run.listsWritten(), "(site + sections + authors + tags) x modes x windows");
        assertEquals(run.listsWritten(), storedLists().size());

        JsonNode jane = pipeline.trending(SITE, Map.of("author", "jane-o-neil"));
        assertEquals(List.of("summit", "strike"), ids(jane));
        assertEquals("Jane O'Neil", jane.get("authorName").asText(), "as the most read of her pages spells her");
        assertEquals("Title of summit", jane.get("items").get(0).get("title").asText());
        assertEquals(List.of("strike", "rates"), ids(pipeline.trending(SITE, Map.of("author", "ravi-rao", "mode", "fresh", "window", "1h"))));
        JsonNode climate = pipeline.trending(SITE, Map.of("tag", "climate", "window", "7d"));
        assertEquals(List.of("summit"), ids(climate));
        assertEquals("Climate", climate.get("tagName").asText());

        TrendingService.RunSummary next = pipeline.computeTrending();
        assertEquals(0, next.pagesRead(), "described ten minutes ago at most: nothing to read again");
    }

    @Test
    void aFloodOfEventsClaimingAnAuthorCreatesNothingPublic() {
        Pipeline.Article summit = publish("summit", "World", List.of("Jane O'Neil"), List.of("Climate"));
        Pipeline.Article strike = publish("strike", "World", List.of(), List.of());
        readers(summit, 3, "s");
        readers(strike, 2, "p");
        pipeline.aggregate();
        TrendingService.RunSummary before = pipeline.computeTrending();
        List<String> listsBefore = storedLists();

        // 2,000 views from 40 addresses: the two real articles and 100 of the attacker's own, all claiming Evil.
        for (int request = 0; request < 40; request++) {
            ObjectNode body = Pipeline.MAPPER.createObjectNode();
            body.put("site", SITE);
            ArrayNode events = body.putArray("events");
            for (int i = 0; i < 50; i++) {
                Pipeline.Article claimed = switch (i % 4) {
                    case 0 -> summit;
                    case 1 -> strike;
                    default -> publishedNowhere("evil-" + (request * 50 + i) % 100);
                };
                ObjectNode event = events.addObject();
                event.put("type", "view");
                event.set("article", new Pipeline.Article(claimed.id(), claimed.url(), "Evil wrote " + claimed.id(), claimed.section(),
                        claimed.publishedAt(), List.of("Evil"), List.of("Evil", "Climate")).json());
            }
            Pipeline.send(pipeline.collect, body, "203.0.113." + request, BROWSER + " flood " + request);
        }
        pipeline.aggregate();
        pipeline.clock.advance(Duration.ofMinutes(1));
        TrendingService.RunSummary flooded = pipeline.computeTrending();

        assertEquals(before.listsWritten(), flooded.listsWritten(), "a claimed author adds no list");
        assertEquals(listsBefore, storedLists());
        assertTrue(storedLists().stream().noneMatch(key -> key.contains("evil")), storedLists().toString());
        for (String parameter : List.of("author", "tag")) {
            JsonNode evil = pipeline.trending(SITE, Map.of(parameter, "evil"));
            assertTrue(evil.get("items").isEmpty() && evil.get("generatedAt").isNull() && evil.get(parameter + "Name").isNull(), evil.toString());
        }
        assertEquals(List.of("summit"), ids(pipeline.trending(SITE, Map.of("author", "jane-o-neil", "limit", "50"))),
                "the claim joins no list either: strike's page names no author");
        assertEquals(List.of("summit"), ids(pipeline.trending(SITE, Map.of("tag", "climate", "limit", "50"))));
        pipeline.trending(SITE, Map.of("limit", "50")).get("items").forEach(item -> {
            assertTrue(item.get("title").asText().startsWith("Title of "), item.toString());
            assertTrue(!item.get("id").asText().startsWith("evil-"), item.toString());
        });
    }

    /** An article a browser names, on the site's domain, that has no page there. */
    Pipeline.Article publishedNowhere(String id) {
        return new Pipeline.Article(id, pages.url("/world/" + id), id, "World", START);
    }
}
