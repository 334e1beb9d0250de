package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.testkit.RealEngineTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trending job misses runs (an outage, a throttled schedule): the next run catches up on
 * everything counted meanwhile, and every list says when it was really computed.
 */
@Tag("faults")
class MissedScheduleIT extends RealEngineTest {
    static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    static final Map<String, String> TOP_1H = Map.of("mode", "top", "window", "1h");

    @Test
    void theNextRunCatchesUpAndGeneratedAtTellsTheTruth() {
        Pipeline pipeline = new Pipeline(engine, dynamo, environment(), START);
        pipeline.createSite("demo-news", "news.example");
        Pipeline.Article morning = article("morning-briefing", "The morning briefing", START.minus(Duration.ofHours(1)));
        Pipeline.Article breaking = article("breaking-storm-warning", "Storm warning for the coast", START.plus(Duration.ofHours(2)));

        readers(pipeline, morning, 30);
        pipeline.aggregate();
        pipeline.computeTrending();
        Instant firstRun = pipeline.clock.instant();
        JsonNode before = pipeline.trending("demo-news", TOP_1H);
        assertEquals(firstRun.toString(), Instant.parse(before.get("generatedAt").asText()).toString());
        assertEquals("morning-briefing", before.get("items").get(0).get("id").asText());

        // Two hours pass with no run at all, while a story breaks and is read.
        pipeline.clock.advance(Duration.ofHours(2));
        readers(pipeline, breaking, 40);
        pipeline.aggregate();
        JsonNode stale = pipeline.trending("demo-news", TOP_1H);
        assertEquals(before.get("generatedAt").asText(), stale.get("generatedAt").asText(),
                "until a run happens, the list says it is as old as it is");

        pipeline.computeTrending();
        Instant catchUpRun = pipeline.clock.instant();
        pipeline.clock.advance(Duration.ofMinutes(3));
        JsonNode caughtUp = pipeline.trending("demo-news", TOP_1H);

        assertEquals(catchUpRun, Instant.parse(caughtUp.get("generatedAt").asText()), "generatedAt is the run's time, not the query's");
        assertEquals("breaking-storm-warning", caughtUp.get("items").get(0).get("id").asText(),
                "the run after the gap ranks what was read during it, with the morning's reads decayed");
    }

    private static Pipeline.Article article(String id, String title, Instant publishedAt) {
        return new Pipeline.Article(id, "https://news.example/" + id, title, "World", publishedAt);
    }

    private static void readers(Pipeline pipeline, Pipeline.Article article, int count) {
        for (int i = 0; i < count; i++) {
            pipeline.view("demo-news", article, "198.51.100." + (i % 250), "Mozilla/5.0 reader-" + article.id() + "-" + i);
            pipeline.clock.advance(Duration.ofSeconds(5));
        }
    }
}
