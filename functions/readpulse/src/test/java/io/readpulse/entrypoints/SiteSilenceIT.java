package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.RealEngineTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A site with a daily rhythm (3 views an hour at night, 36 by day) for a week, through Collect and
 * Aggregate on Dynoxide; on the eighth day its tracking script stops at 14:00. SendAlerts runs on
 * the simulated clock: every five minutes through the night, whose 20-minute gaps between views are
 * normal; every ten minutes through the morning; every minute after the script stopped.
 */
class SiteSilenceIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalDate FIRST = LocalDate.parse("2026-11-16");
    private static final Pipeline.Article[] ARTICLES = {
            new Pipeline.Article("summit", "https://news.example/world/summit", "Summit ends", "World", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("budget", "https://news.example/politics/budget", "Budget passes", "Politics", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("derby", "https://news.example/sport/derby", "Derby day", "Sport", Instant.parse("2026-11-15T08:00:00Z"))};
    private int readers;

    @Test
    void aStoppedTrackingScriptAlertsWithinTwentyMinutesAndNightLowsDoNot() throws Exception {
        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), FIRST.atStartOfDay(ZoneOffset.UTC).toInstant());
        pipeline.createSite("demo-news", "news.example");
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                sendHour(pipeline, FIRST.plusDays(day), hour);
            }
            pipeline.aggregate();
        }
        LocalDate eighth = FIRST.plusDays(7);
        Instant midnight = eighth.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (AlertReceiver receiver = AlertReceiver.http()) {
            AlertRig rig = new AlertRig(pipeline.environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("add", "demo-news", "webhook", "http://127.0.0.1:" + receiver.port() + "/hook", "--triggers", "silence"),
                    rig.output());
            List<String> runs = new ArrayList<>();
            for (int hour = 0; hour < 14; hour++) {
                sendHour(pipeline, eighth, hour);
                int step = hour < 6 ? 5 : 10;
                for (int minute = step; minute <= 60; minute += step) {
                    pipeline.clock.set(midnight.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)));
                    rig.run();
                }
            }
            assertEquals(List.of(), receiver.received().stream().map(AlertReceiver.Received::text).toList(),
                    "no alert through the night's lows and the morning");

            Instant stopped = midnight.plus(Duration.ofHours(14));
            Instant alerted = null;
            for (int minute = 1; minute <= 30; minute++) {
                pipeline.clock.set(stopped.plus(Duration.ofMinutes(minute)));
                rig.run();
                if (alerted == null && !receiver.received().isEmpty()) {
                    alerted = pipeline.clock.instant();
                }
            }
            assertTrue(alerted != null && !alerted.isAfter(stopped.plus(Duration.ofMinutes(20))), "alerted at " + alerted);
            runs.add("alerted " + Duration.between(stopped, alerted).toMinutes() + " min after the script stopped");
            assertEquals(1, receiver.received().size(), "one alert, not one a minute");
            JsonNode alert = MAPPER.readTree(receiver.received().get(0).body());
            assertEquals("silence", alert.get("type").asText());
            assertTrue(alert.get("data").get("usualEventsIn15Minutes").asDouble() >= 8, alert.toString());
            System.out.println("[readpulse] site silence: " + runs);
        }
    }

    /** 3 views an hour from 00:00 to 06:00, 36 from 06:00, spread over the hour. */
    private void sendHour(Pipeline pipeline, LocalDate day, int hour) {
        int views = hour < 6 ? 3 : 36;
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
        for (int i = 0; i < views; i++) {
            pipeline.clock.set(start.plusSeconds(3600L * i / views + 10));
            readers++;
            pipeline.view("demo-news", ARTICLES[readers % ARTICLES.length], "10." + (readers >> 16 & 0xFF) + "." + (readers >> 8 & 0xFF) + "." + (readers & 0xFF),
                    "Mozilla/5.0 silence-reader-" + readers);
        }
    }
}
