package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.testkit.RealEngineTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A new site's first three days, on real traffic: ten Wikipedia series of May 2009 played onto a
 * fresh site that starts counting at 14:00 on 2009-05-17, the job run every three hours (at :50),
 * the rising lists read after each run. Eight of the ten jump on the second or third day (the end
 * of Sri Lanka's civil war, Henry VIII on television, Patrick Swayze's illness ...); two do not.
 *
 * <p>A publisher's first day must not show more "rising" than its third: the mean number of
 * entries per run in the 1h list on day 1 is at most that of day 3. And the true jumps must still be
 * caught: each of the eight that had reads before its jump day is in a rising list (1h or 24h) in at
 * least one run of that day. (Fran Tarkenton is first read on the second day, 10 hours after
 * counting began: it may be an old article, and nothing of its own precedes the jump.)
 */
class NewSiteRisingReplayIT extends RealEngineTest {
    static final double SCALE = WikipediaRisingReplayIT.SCALE;
    static final LocalDate FIRST_DAY = LocalDate.parse("2009-05-17");
    static final int FIRST_HOUR = 14;
    static final int RUN_EVERY_HOURS = 3;

    /** Page ids: eight that jump on 2009-05-18 or 05-19, and two that do not. */
    static final Map<String, LocalDate> JUMPS = new LinkedHashMap<>();

    static {
        JUMPS.put("272705", LocalDate.parse("2009-05-18"));     // Fran Tarkenton
        JUMPS.put("37313", LocalDate.parse("2009-05-18"));      // Bruce Lee
        JUMPS.put("445658", LocalDate.parse("2009-05-18"));     // Velupillai Prabhakaran
        JUMPS.put("18606", LocalDate.parse("2009-05-18"));      // Liberation Tigers of Tamil Eelam
        JUMPS.put("14187", LocalDate.parse("2009-05-19"));      // Henry VIII of England
        JUMPS.put("20796", LocalDate.parse("2009-05-19"));      // Malcolm X
        JUMPS.put("493900", LocalDate.parse("2009-05-19"));     // Patrick Swayze
        JUMPS.put("68769", LocalDate.parse("2009-05-19"));      // 24 (TV series)
    }

    static final List<String> STEADY = List.of("21374259", "10732335"); // Kris Allen, Jon & Kate Plus 8

    @Test
    void aNewSitesFirstDayShowsNoMoreRisingThanItsThird() {
        Map<String, WikipediaRisingReplayIT.Page> byId = new HashMap<>();
        WikipediaRisingReplayIT.readPages().forEach(page -> byId.put(page.pageId(), page));
        List<WikipediaRisingReplayIT.Page> pages = new ArrayList<>();
        JUMPS.keySet().forEach(id -> pages.add(byId.get(id)));
        STEADY.forEach(id -> pages.add(byId.get(id)));
        LocalDate dataStart = LocalDate.parse("2009-04-01");

        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(),
                FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(FIRST_HOUR * 3_600L));
        pipeline.createSite("new-news", "news.example");
        TrafficReplay replay = new TrafficReplay(pipeline, "new-news", SCALE);
        Map<WikipediaRisingReplayIT.Page, Pipeline.Article> articles = new LinkedHashMap<>();
        for (WikipediaRisingReplayIT.Page page : pages) {
            articles.put(page, new Pipeline.Article("wiki-" + page.pageId(),
                    "https://news.example/wiki/" + URLEncoder.encode(page.urlName(), StandardCharsets.UTF_8),
                    page.title(), "Encyclopedia", dataStart.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }

        double[] meanRising1h = new double[3];
        double[] meanRising24h = new double[3];
        Map<String, Set<String>> seenOnJumpDay = new HashMap<>();
        Set<String> readOnDayOne = new TreeSet<>();
        List<String> log = new ArrayList<>();
        for (int dayIndex = 0; dayIndex < 3; dayIndex++) {
            LocalDate date = FIRST_DAY.plusDays(dayIndex);
            int dataDay = (int) (date.toEpochDay() - dataStart.toEpochDay());
            Map<Pipeline.Article, Integer> views = new HashMap<>();
            for (WikipediaRisingReplayIT.Page page : pages) {
                views.put(articles.get(page), replay.scaled(page.pageId(), page.dailyViews()[dataDay]));
                if (dayIndex == 0 && views.get(articles.get(page)) > 0) {
                    readOnDayOne.add(page.pageId());
                }
            }
            int firstHour = dayIndex == 0 ? FIRST_HOUR : 0;
            int runs = 0;
            int listed1h = 0;
            int listed24h = 0;
            for (int hour = firstHour; hour < 24; hour += RUN_EVERY_HOURS) {
                int until = Math.min(24, hour + RUN_EVERY_HOURS);
                replay.sendHours(date, views, hour, until);
                pipeline.clock.set(date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds((until - 1) * 3_600L + 50 * 60));
                pipeline.aggregate();
                pipeline.computeTrending();
                runs++;
                for (String window : List.of("1h", "24h")) {
                    List<String> rising = new ArrayList<>();
                    pipeline.trending("new-news", Map.of("mode", "rising", "window", window, "limit", "10"))
                            .get("items").forEach(item -> rising.add(item.get("id").asText()));
                    if (window.equals("1h")) {
                        listed1h += rising.size();
                    } else {
                        listed24h += rising.size();
                    }
                    for (String id : rising) {
                        String pageId = id.substring("wiki-".length());
                        if (date.equals(JUMPS.get(pageId))) {
                            seenOnJumpDay.computeIfAbsent(pageId, p -> new TreeSet<>()).add(window + "@" + (until - 1) + ":50");
                        }
                    }
                    log.add(date + " " + (until - 1) + ":50 " + window + " " + rising);
                }
            }
            meanRising1h[dayIndex] = (double) listed1h / runs;
            meanRising24h[dayIndex] = (double) listed24h / runs;
        }

        StringBuilder table = new StringBuilder("| day | rising/1h per run (of 10) | rising/24h per run |\n|---|---|---|\n");
        for (int day = 0; day < 3; day++) {
            table.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f |%n", day + 1, meanRising1h[day], meanRising24h[day]));
        }
        List<String> caught = new ArrayList<>();
        int hits = 0;
        int judgeable = 0;
        for (Map.Entry<String, LocalDate> jump : JUMPS.entrySet()) {
            Set<String> seen = seenOnJumpDay.get(jump.getKey());
            hits += seen == null ? 0 : 1;
            // First read on the site's second day: it may be an old article, and it has no hours of its own before the jump.
            boolean knowable = readOnDayOne.contains(jump.getKey()) || jump.getValue().isAfter(FIRST_DAY.plusDays(1));
            judgeable += knowable ? 1 : 0;
            caught.add(byId.get(jump.getKey()).title() + " " + jump.getValue() + (seen == null ? " MISSED" : " caught " + seen)
                    + (knowable ? "" : " (no reads before its jump day: nothing to compare with)"));
        }
        System.out.printf("[readpulse] new site, first three days (ten Wikipedia series from %s %02d:00, the job every %d hours):%n%s"
                        + "  %d of %d jumps caught:%n  %s%n", FIRST_DAY, FIRST_HOUR, RUN_EVERY_HOURS, table, hits, JUMPS.size(),
                String.join("\n  ", caught));
        assertTrue(meanRising1h[0] <= meanRising1h[2], "day 1 shows more rising than day 3:\n" + table + String.join("\n", log));
        assertTrue(hits >= judgeable, hits + " of " + JUMPS.size() + " (" + judgeable + " judgeable)" + " jumps caught:\n" + String.join("\n", caught) + "\n"
                + String.join("\n", log));
    }
}
