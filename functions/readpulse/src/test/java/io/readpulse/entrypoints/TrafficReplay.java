package io.readpulse.entrypoints;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays daily view counts through the pipeline at a scaled-down volume. A day's views are spread
 * evenly over its 24 hours; every view is a distinct reader (own address and browser), and the
 * readers of an hour are spread over it, each sending one beacon batch of the articles it read. The
 * scaling carries fractions from day to day, so totals stay true to the data (within one view).
 */
final class TrafficReplay {
    private static final int HOURS = 24;
    private static final int MAX_EVENTS_PER_REQUEST = 50;

    private final Pipeline pipeline;
    private final String site;
    private final double scale;
    private final Map<String, Double> carried = new HashMap<>();
    private long readers;
    private long viewsSent;

    /** @param scale one replayed view per {@code scale} real ones */
    TrafficReplay(Pipeline pipeline, String site, double scale) {
        this.pipeline = pipeline;
        this.site = site;
        this.scale = scale;
    }

    /** The replayed number of views for {@code realViews} views of an article on its next day. */
    int scaled(String articleId, long realViews) {
        double owed = carried.getOrDefault(articleId, 0.0) + realViews / scale;
        int views = (int) Math.floor(owed);
        carried.put(articleId, owed - views);
        return views;
    }

    /** Sends one day's (already scaled) views, moving the clock through the day. */
    void sendDay(LocalDate day, Map<Pipeline.Article, Integer> views) {
        sendHours(day, views, 0, HOURS);
    }

    /**
     * Sends the share of one day's (already scaled) views that falls in the hours {@code from} to
     * {@code to} (exclusive), as {@link #sendDay} would send them in those hours.
     */
    void sendHours(LocalDate day, Map<Pipeline.Article, Integer> views, int from, int to) {
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int hour = from; hour < to; hour++) {
            Map<Pipeline.Article, Integer> thisHour = new HashMap<>();
            int busiest = 0;
            for (Map.Entry<Pipeline.Article, Integer> entry : views.entrySet()) {
                int inHour = entry.getValue() * (hour + 1) / HOURS - entry.getValue() * hour / HOURS;
                if (inHour > 0) {
                    thisHour.put(entry.getKey(), inHour);
                    busiest = Math.max(busiest, inHour);
                }
            }
            for (int reader = 0; reader < busiest; reader++) {
                List<Pipeline.Article> read = new ArrayList<>();
                for (Map.Entry<Pipeline.Article, Integer> entry : thisHour.entrySet()) {
                    if (entry.getValue() > reader) {
                        read.add(entry.getKey());
                    }
                }
                pipeline.clock.set(midnight.plus(Duration.ofHours(hour)).plusMillis((reader * 2L + 1) * 1_800_000L / busiest));
                send(read);
            }
        }
    }

    private void send(List<Pipeline.Article> articles) {
        readers++;
        String address = "10." + (readers >> 16 & 0xFF) + "." + (readers >> 8 & 0xFF) + "." + (readers & 0xFF);
        String browser = "Mozilla/5.0 (X11; Linux x86_64) replay-reader-" + readers;
        for (int start = 0; start < articles.size(); start += MAX_EVENTS_PER_REQUEST) {
            List<Pipeline.Article> chunk = articles.subList(start, Math.min(articles.size(), start + MAX_EVENTS_PER_REQUEST));
            if (chunk.size() == 1) {
                pipeline.view(site, chunk.get(0), address, browser);
            } else {
                pipeline.views(site, chunk, address, browser);
            }
            viewsSent += chunk.size();
        }
    }

    long viewsSent() {
        return viewsSent;
    }
}
