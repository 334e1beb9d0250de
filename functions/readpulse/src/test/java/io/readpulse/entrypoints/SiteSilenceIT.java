package io.readpulse.entrypoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.readpulse.testkit.AlertReceiver;
import io.readpulse.testkit.RealEngineTest;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void aStoppedTrackingScriptAlertsWithinTwentyMinutesAndNightLowsDoNot() throws Exception {
        DailyRhythmSite site = new DailyRhythmSite(engine, dynamo, environment(), "silence-reader-", Duration.ofSeconds(10));
        site.aWeekOf(SiteSilenceIT::viewsInHour);
        try (AlertReceiver receiver = AlertReceiver.http()) {
            AlertRig rig = site.webhookTo(receiver, "silence");
            List<String> runs = new ArrayList<>();
            site.eighthDayUntil(14, SiteSilenceIT::viewsInHour, rig);
            assertEquals(List.of(), receiver.received().stream().map(AlertReceiver.Received::text).toList(),
                    "no alert through the night's lows and the morning");

            Instant stopped = site.eighthDayAt(14);
            Instant alerted = site.runEveryMinute(rig, receiver, stopped, 30, 1);
            assertTrue(alerted != null && !alerted.isAfter(stopped.plus(Duration.ofMinutes(20))), "alerted at " + alerted);
            runs.add("alerted " + Duration.between(stopped, alerted).toMinutes() + " min after the script stopped");
            assertEquals(1, receiver.received().size(), "one alert, not one a minute");
            JsonNode alert = MAPPER.readTree(receiver.received().get(0).body());
            assertEquals("silence", alert.get("type").asText());
            assertTrue(alert.get("data").get("usualEventsIn15Minutes").asDouble() >= 8, alert.toString());
            System.out.println("[readpulse] site silence: " + runs);
        }
    }

    /** 3 views an hour from 00:00 to 06:00, 36 from 06:00. */
    private static int viewsInHour(int hour) {
        return hour < 6 ? 3 : 36;
    }
}
