package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.testkit.ReadpulseTable;
import io.readpulse.testkit.RealEngineTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new article judged against its section's usual trajectory, through collect, the aggregator, the
 * job and the trending API. An established site (three older Business articles read steadily since
 * three days before) sees eight Business articles debut at staggered hours over the last two days,
 * each read by distinct readers at a known trajectory (reads in each hour since debut: 40, 30, 20,
 * 14, 10, ...). Then, at the same hour, a fresh article A follows that trajectory and a fresh
 * article B runs at four times it; the job runs every half hour.
 *
 * <p>A is never in {@code rising/1h}. B is in it within its first two runs, its breakdown naming the
 * publication prior ("a typical Business story ... after publication") and a growth of about 4×.
 *
 * <p>The eight are described (as the job describes articles it lists, or the publisher does): the
 * prior is made of described articles only. The second test adds a flood of made-up Business
 * "debuts" that no page describes, each read once an hour; counted, they would pull the median to
 * one read an hour and make A rising. Nothing changes: the same lists and the same expectation.
 */
class NewArticlePriorIT extends RealEngineTest {
    static final String SITE = "biz-news";
    static final Instant TODAY = Instant.parse("2026-03-12T00:00:00Z");
    static final Instant SITE_START = TODAY.minus(Duration.ofDays(3));
    /** A and B debut at 10:00 today. */
    static final Instant FRESH_DEBUT = TODAY.plus(Duration.ofHours(10));
    static final Instant LAST_RUN = FRESH_DEBUT.plus(Duration.ofHours(4));
    /** The debuts of the eight that make the prior: yesterday from 04:00, every three hours, the last at 01:00 today. */
    static final int[] PRIOR_DEBUT_HOURS_BEFORE_TODAY = {20, 17, 14, 11, 8, 5, 2, -1};
    static final Map<String, String> RISING_1H = Map.of("mode", "rising", "window", "1h", "limit", "50");
    static final Map<String, String> TOP_1H = Map.of("mode", "top", "window", "1h", "limit", "50");

    /** A typical Business story: reads in each hour since its debut, for its first 48 hours. */
    static int typical(int age) {
        int[] first = {40, 30, 20, 14, 10, 8, 6, 5, 4, 3, 3};
        if (age < first.length) {
            return first[age];
        }
        return age < 24 ? 2 : 1;
    }

    record Read(Instant at, Pipeline.Article article) {
    }

    final List<Read> reads = new ArrayList<>();
    int next;
    long readers;
    Pipeline pipeline;

    static Pipeline.Article article(String id, String title, Instant publishedAt) {
        return new Pipeline.Article(id, "https://news.example/" + id, title, "Business", publishedAt);
    }

    /** {@code count} distinct readers of the article spread evenly over the hour starting at {@code hour}. */
    void readersInHour(Pipeline.Article article, Instant hour, int count) {
        for (int i = 0; i < count; i++) {
            reads.add(new Read(hour.plusMillis((i * 2L + 1) * 1_800_000L / count), article));
        }
    }

    /** A debut following {@code times} the typical trajectory, up to {@code until}. */
    void trajectory(Pipeline.Article article, Instant debut, int times, Instant until) {
        for (int age = 0; age < 48 && debut.plus(Duration.ofHours(age)).isBefore(until); age++) {
            readersInHour(article, debut.plus(Duration.ofHours(age)), times * typical(age));
        }
    }

    /** Sends the reads before {@code until}, each from its own reader, the clock following them. */
    void sendUntil(Instant until) {
        while (next < reads.size() && reads.get(next).at().isBefore(until)) {
            Read read = reads.get(next++);
            readers++;
            pipeline.clock.set(read.at());
            pipeline.view(SITE, read.article(), "10." + (readers >> 16 & 0xFF) + "." + (readers >> 8 & 0xFF) + "." + (readers & 0xFF),
                    "Mozilla/5.0 (X11; Linux x86_64) prior-reader-" + readers);
        }
        pipeline.clock.set(until);
    }

    static JsonNode item(JsonNode list, String id) {
        for (JsonNode item : list.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    /** What one scenario showed: the log, the run in which B first rose, and B's expected reads at each run it was rising. */
    record Outcome(String log, Integer bFirstRising, List<String> risingIds, List<String> bExpected) {
    }

    @Test
    void aFreshArticleOnItsSectionsUsualTrajectoryIsNotRisingOneAtFourTimesItIs() {
        Outcome outcome = play(0);
        System.out.println("[readpulse] a fresh Business story on the usual trajectory (A) and at 4x it (B), from "
                + FRESH_DEBUT + ", the job every half hour:\n" + outcome.log());
        assertNotNull(outcome.bFirstRising(), "B never rising:\n" + outcome.log());
        assertTrue(outcome.bFirstRising() <= 2, "B rising only from run " + outcome.bFirstRising() + ":\n" + outcome.log());
    }

    @Test
    void aFloodOfMadeUpDebutsMovesNeitherThePriorNorTheRisingList() {
        Outcome honest = play(0);
        // The same scenario again on a table of its own.
        table = table + "-flooded";
        ReadpulseTable.create(dynamo, table);
        Outcome flooded = play(FLOOD);
        System.out.println("[readpulse] the same, with " + FLOOD + " made-up Business debuts read once an hour:\n" + flooded.log());
        assertEquals(honest.risingIds(), flooded.risingIds(), "the flood changed rising/1h:\n" + flooded.log());
        assertEquals(honest.bExpected(), flooded.bExpected(), "the flood changed what B is expected to hold:\n" + flooded.log());
        assertEquals(honest.bFirstRising(), flooded.bFirstRising(), flooded.log());
    }

    /** Made-up debuts in the second test: more than the real ones, so counted they would make the median. */
    static final int FLOOD = 40;

    /** Plays the scenario with {@code madeUpDebuts} undescribed articles claiming Business, and asserts what holds in every run. */
    Outcome play(int madeUpDebuts) {
        reads.clear(); // one instance runs every test of the class
        next = 0;
        readers = 0;
        pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), SITE_START);
        pipeline.publisherDescribesArticles = false; // the publisher describes its own articles below, and nothing else
        pipeline.createSite(SITE, "news.example");

        // The established site: three older Business articles, two readers an hour each, from three days before today.
        for (int n = 0; n < 3; n++) {
            Pipeline.Article old = article("older-" + n, "An older Business story " + n, SITE_START.minus(Duration.ofDays(10)));
            pipeline.describe(SITE, old);
            for (Instant hour = SITE_START; hour.isBefore(LAST_RUN); hour = hour.plus(Duration.ofHours(1))) {
                readersInHour(old, hour, 2);
            }
        }
        // Eight described debuts over the last two days, each on the typical trajectory.
        for (int n = 0; n < PRIOR_DEBUT_HOURS_BEFORE_TODAY.length; n++) {
            Instant debut = TODAY.minus(Duration.ofHours(PRIOR_DEBUT_HOURS_BEFORE_TODAY[n]));
            Pipeline.Article described = article("debut-" + n, "A Business debut " + n, debut);
            pipeline.describe(SITE, described);
            trajectory(described, debut, 1, LAST_RUN);
        }
        // The flood: ids nobody publishes, claiming Business, each read by one reader an hour from its "debut".
        for (int n = 0; n < madeUpDebuts; n++) {
            Instant debut = TODAY.minus(Duration.ofHours(20 - n % 21));
            Pipeline.Article madeUp = article("made-up-" + n, "Not an article " + n, debut);
            for (Instant hour = debut; hour.isBefore(LAST_RUN); hour = hour.plus(Duration.ofHours(1))) {
                readersInHour(madeUp, hour, 1);
            }
        }
        Pipeline.Article a = article("fresh-usual", "A fresh Business story, read as usual", FRESH_DEBUT);
        Pipeline.Article b = article("fresh-surging", "A fresh Business story, read four times as much", FRESH_DEBUT);
        trajectory(a, FRESH_DEBUT, 1, LAST_RUN);
        trajectory(b, FRESH_DEBUT, 4, LAST_RUN);
        reads.sort(Comparator.comparing(Read::at));

        for (Instant hour = SITE_START.plus(Duration.ofHours(1)); !hour.isAfter(FRESH_DEBUT); hour = hour.plus(Duration.ofHours(1))) {
            sendUntil(hour);
            pipeline.aggregate();
        }
        // The publisher describes both (as `admin article set` would) before their first reads: section Business.
        pipeline.describe(SITE, a);
        pipeline.describe(SITE, b);

        List<String> verdicts = new ArrayList<>();
        List<String> risingIds = new ArrayList<>();
        List<String> bExpected = new ArrayList<>();
        Integer bFirstRising = null;
        int run = 0;
        for (Instant at = FRESH_DEBUT.plus(Duration.ofMinutes(30)); !at.isAfter(LAST_RUN); at = at.plus(Duration.ofMinutes(30))) {
            run++;
            sendUntil(at);
            pipeline.aggregate();
            pipeline.computeTrending();
            JsonNode rising = pipeline.trending(SITE, RISING_1H);
            JsonNode top = pipeline.trending(SITE, TOP_1H);
            List<String> ids = new ArrayList<>();
            rising.get("items").forEach(item -> ids.add(item.get("id").asText()));
            risingIds.add("run " + run + ": " + ids);
            verdicts.add(String.format(Locale.ROOT, "run %d at %s: rising/1h %s", run, at.toString().substring(11, 16), ids));
            for (Pipeline.Article fresh : List.of(a, b)) {
                JsonNode listed = item(rising, fresh.id());
                JsonNode read = item(top, fresh.id());
                String reads = read == null ? "?" : read.get("breakdown").get("reads").asText();
                if (listed == null) {
                    verdicts.add(String.format(Locale.ROOT, "  %s: not rising (decayed reads %s)", fresh.id(), reads));
                    continue;
                }
                JsonNode verdict = listed.get("breakdown").get("rising");
                verdicts.add(String.format(Locale.ROOT, "  %s: RISING, decayed reads %s, expected %s, growth %s, significance %s, swing %s, baseline %s: %s",
                        fresh.id(), reads, verdict.get("expectedReads").asText(), verdict.get("growth").asText(),
                        verdict.get("significance").asText(), verdict.get("swing").asText(),
                        verdict.path("baseline").path("kind").asText(), verdict.path("baseline").path("text").asText()));
            }
            String log = String.join("\n", verdicts);
            assertNotNull(item(top, a.id()), "A is read, so listed in top/1h:\n" + log);
            assertNull(item(rising, a.id()), "A follows its section's usual trajectory; it is not rising:\n" + log);
            JsonNode bListed = item(rising, b.id());
            if (bListed != null) {
                if (bFirstRising == null) {
                    bFirstRising = run;
                }
                JsonNode verdict = bListed.get("breakdown").get("rising");
                bExpected.add("run " + run + ": " + verdict.get("expectedReads").asText());
                assertTrue(verdict.get("rising").asBoolean(), log);
                assertEquals("PUBLICATION_PRIOR", verdict.path("baseline").path("kind").asText(), log);
                String text = verdict.path("baseline").path("text").asText();
                assertTrue(text.contains("a typical Business story") && text.contains("after publication"), text);
                double growth = verdict.get("growth").asDouble();
                assertTrue(growth >= 3 && growth <= 5, "about four times its section's usual trajectory: " + growth + "\n" + log);
            }
        }
        return new Outcome(String.join("\n", verdicts), bFirstRising, risingIds, bExpected);
    }
}
