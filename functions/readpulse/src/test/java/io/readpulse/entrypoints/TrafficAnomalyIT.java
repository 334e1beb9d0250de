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
 * A site with a daily rhythm (6 views an hour at night, 120 by day) for a week, through Collect and
 * Aggregate on Dynoxide. On the eighth day its night is quieter still (3 an hour), which is normal;
 * at 13:00 its traffic drops to a fifth for an hour, recovers, and at 16:00 surges to five times.
 * SendAlerts runs on the simulated clock (every five minutes at night, ten in the morning, every
 * minute around the changes) with a destination for the {@code traffic} trigger only.
 */
class TrafficAnomalyIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalDate FIRST = LocalDate.parse("2026-11-16");
    private static final Pipeline.Article[] ARTICLES = {
            new Pipeline.Article("summit", "https://news.example/world/summit", "Summit ends", "World", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("budget", "https://news.example/politics/budget", "Budget passes", "Politics", Instant.parse("2026-11-15T08:00:00Z")),
            new Pipeline.Article("derby", "https://news.example/sport/derby", "Derby day", "Sport", Instant.parse("2026-11-15T08:00:00Z"))};
    private int readers;

    @Test
    void aDropToAFifthAndASurgeToFiveTimesEachAlertOnceWithinTwentyMinutesAndNightLowsDoNot() throws Exception {
        Pipeline pipeline = Pipeline.withoutTableStream(engine, dynamo, environment(), FIRST.atStartOfDay(ZoneOffset.UTC).toInstant());
        pipeline.createSite("demo-news", "news.example");
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                sendHour(pipeline, FIRST.plusDays(day), hour, hour < 6 ? 6 : 120);
            }
            pipeline.aggregate();
        }
        LocalDate eighth = FIRST.plusDays(7);
        Instant midnight = eighth.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (AlertReceiver receiver = AlertReceiver.http()) {
            AlertRig rig = new AlertRig(pipeline.environment(), dynamo, pipeline.clock, null);
            assertEquals(0, rig.admin("add", "demo-news", "webhook", "http://127.0.0.1:" + receiver.port() + "/hook", "--triggers", "traffic"),
                    rig.output());
            for (int hour = 0; hour < 13; hour++) {
                sendHour(pipeline, eighth, hour, hour < 6 ? 3 : 120);
                int step = hour < 6 ? 5 : 10;
                for (int minute = step; minute <= 60; minute += step) {
                    pipeline.clock.set(midnight.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)));
                    rig.run();
                }
            }
            assertEquals(List.of(), receiver.received().stream().map(AlertReceiver.Received::text).toList(),
                    "no alert through a night quieter than last week's, nor through the morning");

            List<String> seen = new ArrayList<>();
            Instant drop = midnight.plus(Duration.ofHours(13));
            sendHour(pipeline, eighth, 13, 24);
            Instant dropAlert = runEveryMinute(pipeline, rig, receiver, drop, 60, 1);
            assertTrue(dropAlert != null && !dropAlert.isAfter(drop.plus(Duration.ofMinutes(20))), "drop alerted at " + dropAlert);
            seen.add("drop to 20%: alerted " + Duration.between(drop, dropAlert).toMinutes() + " min after it began");
            sendHour(pipeline, eighth, 14, 120);
            sendHour(pipeline, eighth, 15, 120);
            assertEquals(null, runEveryMinute(pipeline, rig, receiver, drop.plus(Duration.ofHours(1)), 120, 2), "recovery raises nothing");

            Instant surge = midnight.plus(Duration.ofHours(16));
            sendHour(pipeline, eighth, 16, 600);
            Instant surgeAlert = runEveryMinute(pipeline, rig, receiver, surge, 60, 2);
            assertTrue(surgeAlert != null && !surgeAlert.isAfter(surge.plus(Duration.ofMinutes(20))), "surge alerted at " + surgeAlert);
            seen.add("surge to 5x: alerted " + Duration.between(surge, surgeAlert).toMinutes() + " min after it began");

            assertEquals(2, receiver.received().size(), "one alert each, not one a minute");
            JsonNode dropBody = MAPPER.readTree(receiver.received().get(0).body());
            JsonNode surgeBody = MAPPER.readTree(receiver.received().get(1).body());
            assertEquals("traffic", dropBody.get("type").asText());
            assertEquals("drop", dropBody.get("data").get("direction").asText());
            assertEquals("surge", surgeBody.get("data").get("direction").asText());
            assertTrue(dropBody.get("data").get("significance").asDouble() <= -4, dropBody.toString());
            assertTrue(surgeBody.get("data").get("significance").asDouble() >= 4, surgeBody.toString());
            System.out.println("[readpulse] traffic anomalies: " + seen + "; drop alert: " + dropBody.get("summary").asText()
                    + "; surge alert: " + surgeBody.get("summary").asText());
        }
    }

    /** Runs SendAlerts each minute for {@code minutes}; returns when the receiver's count first reached {@code count}, or null. */
    private static Instant runEveryMinute(Pipeline pipeline, AlertRig rig, AlertReceiver receiver, Instant from, int minutes, int count) {
        Instant reached = null;
        for (int minute = 1; minute <= minutes; minute++) {
            pipeline.clock.set(from.plus(Duration.ofMinutes(minute)));
            rig.run();
            if (reached == null && receiver.received().size() >= count) {
                reached = pipeline.clock.instant();
            }
        }
        return reached;
    }

    /** {@code views} views spread evenly over the hour. */
    private void sendHour(Pipeline pipeline, LocalDate day, int hour, int views) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hour));
        for (int i = 0; i < views; i++) {
            pipeline.clock.set(start.plusMillis(3_600_000L * i / views + 5_000));
            readers++;
            pipeline.view("demo-news", ARTICLES[readers % ARTICLES.length], "10." + (readers >> 16 & 0xFF) + "." + (readers >> 8 & 0xFF) + "." + (readers & 0xFF),
                    "Mozilla/5.0 traffic-reader-" + readers);
        }
    }
}
