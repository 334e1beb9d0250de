package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.readpulse.testkit.RealEngineTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Eight years of one real article's daily Wikipedia views (Peyton Manning, 2007-12-10 to
 * 2016-01-20), replayed through the real handlers at one view per {@value #SCALE}, with the job
 * run and the 24-hour rising list read at the end of every day. Rising must list the article only
 * when it is significantly above its own baseline, not whenever it is the best of a quiet field
 * (here it is the only article): on the day after the Super Bowl of 2014, and on few days in all.
 *
 * <p>To keep the run short the series is cut into {@value #SEGMENTS} consecutive segments replayed
 * side by side, one simulated day carrying one real day of each: each segment is a copy of the
 * article (rising judges every article against its own baseline only), and starts
 * {@value #WARM_UP_DAYS} real days early, unjudged, so every real day is judged at its own end
 * against the same baseline a straight replay would give.
 */
class PeytonManningReplayIT extends RealEngineTest {
    static final double SCALE = 2_000;
    static final int SEGMENTS = 4;
    static final int WARM_UP_DAYS = 8;
    static final LocalDate DAY_AFTER_SUPER_BOWL = LocalDate.parse("2014-02-03");

    @Test
    void risingFlagsTheDayAfterTheSuperBowlAndFewOtherDays() {
        TreeMap<LocalDate, Long> series = readSeries();
        LocalDate first = series.firstKey();
        int calendarDays = (int) ChronoUnit.DAYS.between(first, series.lastKey()) + 1;
        int segmentDays = (calendarDays + SEGMENTS - 1) / SEGMENTS;
        // Simulated day d replays real day d + k * segmentDays in segment k; segment 0 runs on the real dates.
        LocalDate simulatedStart = first.minusDays(WARM_UP_DAYS);
        Instant published = simulatedStart.atStartOfDay(ZoneOffset.UTC).toInstant();
        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), published);
        pipeline.createSite("demo-news", "news.example");
        TrafficReplay replay = new TrafficReplay(pipeline, "demo-news", SCALE);
        List<Pipeline.Article> copies = new ArrayList<>();
        for (int segment = 0; segment < SEGMENTS; segment++) {
            copies.add(new Pipeline.Article("Peyton_Manning-" + segment, "https://news.example/sport/Peyton_Manning-" + segment,
                    "Peyton Manning", "American football", published));
        }

        TreeSet<LocalDate> flagged = new TreeSet<>();
        for (int day = 0; day < WARM_UP_DAYS + segmentDays; day++) {
            LocalDate simulated = simulatedStart.plusDays(day);
            Map<Pipeline.Article, Integer> views = new HashMap<>();
            for (int segment = 0; segment < SEGMENTS; segment++) {
                Long realViews = series.get(simulated.plusDays((long) segment * segmentDays));
                if (realViews != null) {
                    views.put(copies.get(segment), replay.scaled(copies.get(segment).id(), realViews));
                }
            }
            replay.sendDay(simulated, views);
            pipeline.clock.set(simulated.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofMinutes(1)));
            pipeline.aggregate();
            pipeline.computeTrending();
            if (day < WARM_UP_DAYS) {
                continue;
            }
            for (JsonNode item : pipeline.trending("demo-news", Map.of("mode", "rising", "window", "24h", "limit", "50")).get("items")) {
                int segment = copies.indexOf(copies.stream().filter(copy -> copy.id().equals(item.get("id").asText())).findFirst().orElseThrow());
                LocalDate real = simulated.plusDays((long) segment * segmentDays);
                if (!real.isAfter(series.lastKey())) {
                    flagged.add(real);
                }
            }
        }

        double share = (double) flagged.size() / series.size();
        System.out.printf("[readpulse] Peyton Manning replay: %d views sent (1 per %.0f), rising on %d of %d days (%.2f%%): %s%n",
                replay.viewsSent(), SCALE, flagged.size(), series.size(), 100 * share, flagged);
        assertTrue(flagged.contains(DAY_AFTER_SUPER_BOWL), "rising on " + DAY_AFTER_SUPER_BOWL + "; flagged " + flagged);
        assertTrue(share <= 0.05, "rising on " + flagged.size() + " of " + series.size() + " days, more than 5%");
    }

    static TreeMap<LocalDate, Long> readSeries() {
        TreeMap<LocalDate, Long> series = new TreeMap<>();
        try (InputStream csv = PeytonManningReplayIT.class.getResourceAsStream("/traffic/wikipedia-peyton-manning-daily.csv")) {
            String[] lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] columns = lines[i].trim().split(",");
                series.put(LocalDate.parse(columns[0]), Long.parseLong(columns[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return series;
    }
}
