package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.testkit.RealEngineTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two months of 100 real Wikipedia articles' daily views (April and May 2009), replayed through
 * the real handlers at one view per {@value #SCALE}, the job run and the 24-hour rising list read at
 * the end of every day. The ten articles whose views grew most over the period must each make the
 * rising top 10 on the day of their biggest jump, or the day after: at least eight of the ten.
 */
class WikipediaRisingReplayIT extends RealEngineTest {
    static final double SCALE = 2_000;
    static final int BASELINE_DAYS = 7;
    static final int RISING_TOP = 10;

    /** One article of the data: its daily views from 2009-04-01. */
    record Page(String pageId, String title, String urlName, long monthlyTrend, long[] dailyViews) {
    }

    @Test
    void theTenFastestGrowingArticlesRiseOnTheirSpikeDay() {
        List<Page> pages = readPages();
        LocalDate first = LocalDate.parse("2009-04-01");
        List<Page> growing = pages.stream().sorted(Comparator.comparingLong(Page::monthlyTrend).reversed()).limit(10).toList();
        Map<Page, Integer> spikeDay = new LinkedHashMap<>();
        growing.forEach(page -> spikeDay.put(page, spikeDay(page.dailyViews())));
        int lastDay = spikeDay.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;

        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), first.atStartOfDay(ZoneOffset.UTC).toInstant());
        pipeline.createSite("demo-news", "news.example");
        TrafficReplay replay = new TrafficReplay(pipeline, "demo-news", SCALE);
        Map<Page, Pipeline.Article> articles = new HashMap<>();
        for (Page page : pages) {
            articles.put(page, new Pipeline.Article("wiki-" + page.pageId(), "https://news.example/wiki/" + URLEncoder.encode(page.urlName(), StandardCharsets.UTF_8),
                    page.title(), "Encyclopedia", first.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }

        List<List<String>> risingByDay = new ArrayList<>();
        for (int day = 0; day <= lastDay; day++) {
            LocalDate date = first.plusDays(day);
            Map<Pipeline.Article, Integer> views = new HashMap<>();
            for (Page page : pages) {
                views.put(articles.get(page), replay.scaled(page.pageId(), page.dailyViews()[day]));
            }
            replay.sendDay(date, views);
            pipeline.clock.set(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofMinutes(1)));
            pipeline.aggregate();
            pipeline.computeTrending();
            List<String> rising = new ArrayList<>();
            pipeline.trending("demo-news", Map.of("mode", "rising", "window", "24h", "limit", Integer.toString(RISING_TOP)))
                    .get("items").forEach(item -> rising.add(item.get("id").asText()));
            risingByDay.add(rising);
        }

        List<String> report = new ArrayList<>();
        int hits = 0;
        for (Map.Entry<Page, Integer> entry : spikeDay.entrySet()) {
            String id = articles.get(entry.getKey()).id();
            int day = entry.getValue();
            boolean hit = risingByDay.get(day).contains(id) || risingByDay.get(day + 1).contains(id);
            hits += hit ? 1 : 0;
            report.add(entry.getKey().title() + " " + first.plusDays(day) + (hit ? " rising" : " MISSED")
                    + " (that day's rising list: " + risingByDay.get(day) + ")");
        }
        System.out.printf("[readpulse] Wikipedia 2009 replay: %d views sent (1 per %.0f), %d of 10 spikes in the rising top %d:%n  %s%n",
                replay.viewsSent(), SCALE, hits, RISING_TOP, String.join("\n  ", report));
        assertTrue(hits >= 8, hits + " of 10 spikes made the rising top " + RISING_TOP + ":\n" + String.join("\n", report));
    }

    /** The day with the largest jump over the mean of its previous seven days. */
    static int spikeDay(long[] views) {
        int best = BASELINE_DAYS;
        double bestJump = Double.NEGATIVE_INFINITY;
        for (int day = BASELINE_DAYS; day < views.length; day++) {
            double jump = views[day] - Arrays.stream(views, day - BASELINE_DAYS, day).average().orElseThrow();
            if (jump > bestJump) {
                bestJump = jump;
                best = day;
            }
        }
        return best;
    }

    /** Both YAML files are flat fixtures (Rails' format); a pattern per record reads them. */
    static List<Page> readPages() {
        Map<String, long[]> viewsByPage = new HashMap<>();
        Matcher timeline = Pattern.compile("dates: \"\\[([0-9,]+)]\"\\s+id: \"\\d+\"\\s+page_id: \"(\\d+)\"\\s+pageviews: \"\\[([0-9,]+)]\"")
                .matcher(resource("wikipedia-2009-daily-timelines.yml"));
        while (timeline.find()) {
            String[] dates = timeline.group(1).split(",");
            if (!LocalDate.parse(dates[0], DateTimeFormatter.BASIC_ISO_DATE).equals(LocalDate.parse("2009-04-01"))) {
                throw new IllegalStateException("every timeline starts on 2009-04-01");
            }
            viewsByPage.put(timeline.group(2), Arrays.stream(timeline.group(3).split(",")).mapToLong(Long::parseLong).toArray());
        }
        List<Page> pages = new ArrayList<>();
        Matcher page = Pattern.compile("id: \"(\\d+)\"\\s+monthly_trend: \"(-?\\d+)\"\\s+page_latest: \"\\d+\"\\s+title: (.+?)\\s+total_pageviews: \"\\d+\"\\s+url: (\\S+)")
                .matcher(resource("wikipedia-2009-pages.yml"));
        while (page.find()) {
            String title = page.group(3).replaceAll("^\"|\"$", "");
            String urlName = page.group(4).replaceAll("^\"|\"$", "");
            pages.add(new Page(page.group(1), title, urlName, Long.parseLong(page.group(2)), viewsByPage.get(page.group(1))));
        }
        if (pages.size() != 100 || pages.stream().anyMatch(p -> p.dailyViews() == null)) {
            throw new IllegalStateException("expected 100 pages, each with a timeline");
        }
        return pages;
    }

    private static String resource(String name) {
        try (InputStream in = WikipediaRisingReplayIT.class.getResourceAsStream("/traffic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
