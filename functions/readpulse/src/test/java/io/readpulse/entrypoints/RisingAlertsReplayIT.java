package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.RealEngineTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Wikipedia replay of {@link WikipediaRisingReplayIT} (100 real articles, April and May 2009,
 * one view per 2,000), with SendAlerts run three times after every day's trending run and a
 * webhook receiver. The fastest-growing articles get their rising alert when the 24-hour list shows
 * them in its top 10 on their spike day or the day after (or the day before, when their rise began then); no alert comes twice in its cooldown
 * however many runs; and every alert's growth is the number the trending API shows for it.
 */
class RisingAlertsReplayIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void spikesAlertOnceWithTheGrowthTheListShows() throws Exception {
        List<WikipediaRisingReplayIT.Page> pages = WikipediaRisingReplayIT.readPages();
        LocalDate first = LocalDate.parse("2009-04-01");
        List<WikipediaRisingReplayIT.Page> growing = pages.stream()
                .sorted(Comparator.comparingLong(WikipediaRisingReplayIT.Page::monthlyTrend).reversed()).limit(10).toList();
        Map<String, Integer> spikeDay = new LinkedHashMap<>();
        growing.forEach(page -> spikeDay.put("wiki-" + page.pageId(), WikipediaRisingReplayIT.spikeDay(page.dailyViews())));
        int lastDay = spikeDay.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;

        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), first.atStartOfDay(ZoneOffset.UTC).toInstant());
        pipeline.createSite("demo-news", "news.example");
        TrafficReplay replay = new TrafficReplay(pipeline, "demo-news", WikipediaRisingReplayIT.SCALE);
        Map<WikipediaRisingReplayIT.Page, Pipeline.Article> articles = new HashMap<>();
        for (WikipediaRisingReplayIT.Page page : pages) {
            articles.put(page, new Pipeline.Article("wiki-" + page.pageId(), "https://news.example/wiki/" + URLEncoder.encode(page.urlName(), StandardCharsets.UTF_8),
                    page.title(), "Encyclopedia", first.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }

        try (AlertReceiver receiver = AlertReceiver.http()) {
            AlertRig rig = new AlertRig(pipeline.environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("add", "demo-news", "webhook", "http://127.0.0.1:" + receiver.port() + "/hook", "--triggers", "rising"));
            Map<String, List<Integer>> alertDaysByKey = new LinkedHashMap<>();
            List<String> mismatches = new ArrayList<>();
            Map<Integer, List<String>> risingListByDay = new HashMap<>();
            int checked = 0;
            for (int day = 0; day <= lastDay; day++) {
                LocalDate date = first.plusDays(day);
                Map<Pipeline.Article, Integer> views = new HashMap<>();
                for (WikipediaRisingReplayIT.Page page : pages) {
                    views.put(articles.get(page), replay.scaled(page.pageId(), page.dailyViews()[day]));
                }
                replay.sendDay(date, views);
                pipeline.clock.set(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofMinutes(1)));
                pipeline.aggregate();
                pipeline.computeTrending();
                Map<String, Map<String, JsonNode>> listed = new HashMap<>();
                for (String window : List.of("1h", "24h")) {
                    Map<String, JsonNode> entries = new HashMap<>();
                    pipeline.trending("demo-news", Map.of("mode", "rising", "window", window, "limit", "50"))
                            .get("items").forEach(item -> entries.put(item.get("id").asText(), item));
                    listed.put(window, entries);
                }
                // Alerts come from the head of the list: its top 10, as WikipediaRisingReplayIT judges it.
                risingListByDay.put(day, listed.get("24h").values().stream().filter(item -> item.get("rank").asInt() <= WikipediaRisingReplayIT.RISING_TOP)
                        .map(item -> item.get("id").asText()).toList());
                int before = receiver.received().size();
                for (int run = 0; run < 3; run++) {
                    pipeline.clock.advance(Duration.ofSeconds(15));
                    rig.run();
                }
                for (AlertReceiver.Received request : receiver.received().subList(before, receiver.received().size())) {
                    JsonNode alert = MAPPER.readTree(request.body());
                    String id = alert.get("data").get("articleId").asText();
                    String window = alert.get("data").get("window").asText();
                    alertDaysByKey.computeIfAbsent(window + " " + id, key -> new ArrayList<>()).add(day);
                    JsonNode entry = listed.get(window).get(id);
                    double shown = entry.get("breakdown").get("rising").get("growth").asDouble();
                    String words = alert.get("facts").get("Growth").asText();
                    if (shown != alert.get("data").get("growth").asDouble() || !words.startsWith(java.math.BigDecimal.valueOf(shown).stripTrailingZeros().toPlainString() + "× its usual")
                            || entry.get("rank").asInt() != alert.get("data").get("rank").asInt()) {
                        mismatches.add(date + " " + window + " " + id + ": the list shows " + entry + ", the alert says " + alert);
                    }
                    checked++;
                }
            }
            assertEquals(List.of(), mismatches, "every alert states the growth and rank the trending API shows");

            List<String> repeats = new ArrayList<>();
            alertDaysByKey.forEach((key, days) -> {
                int cooldownDays = key.startsWith("1h ") ? 1 : 2;
                for (int i = 1; i < days.size(); i++) {
                    if (days.get(i) - days.get(i - 1) < cooldownDays) {
                        repeats.add(key + " on days " + days);
                    }
                }
            });
            assertEquals(List.of(), repeats, "no alert twice within its cooldown, whatever the number of runs");

            List<String> report = new ArrayList<>();
            int alerted = 0;
            int listedOnSpike = 0;
            for (Map.Entry<String, Integer> spike : spikeDay.entrySet()) {
                int day = spike.getValue();
                boolean listedThen = risingListByDay.get(day).contains(spike.getKey()) || risingListByDay.get(day + 1).contains(spike.getKey());
                List<Integer> days = alertDaysByKey.getOrDefault("24h " + spike.getKey(), List.of());
                // An alert the day before still covers the spike day: its 48-hour cooldown keeps it from coming again.
                boolean alertedThen = days.contains(day - 1) || days.contains(day) || days.contains(day + 1);
                listedOnSpike += listedThen ? 1 : 0;
                alerted += alertedThen ? 1 : 0;
                report.add(spike.getKey() + " spike " + first.plusDays(day) + ": listed " + listedThen + ", alerted on days " + days);
                if (listedThen) {
                    assertTrue(alertedThen, "a spike the 24h rising list showed must alert then: " + report);
                }
            }
            System.out.printf("[readpulse] rising alerts on the Wikipedia replay: %d alerts over %d days (%d checked against the list), %d of 10 spikes alerted:%n  %s%n",
                    receiver.received().size(), lastDay + 1, checked, alerted, String.join("\n  ", report));
            assertTrue(listedOnSpike >= 8 && alerted >= 8, report.toString());
        }
    }
}
