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
 * A site with a daily rhythm (6 views an hour at night, 120 by day) for a week, through Collect and
 * Aggregate on Dynoxide. On the eighth day its night is quieter still (3 an hour), which is normal;
 * at 13:00 its traffic drops to a fifth for an hour, recovers, and at 16:00 surges to five times.
 * SendAlerts runs on the simulated clock (every five minutes at night, ten in the morning, every
 * minute around the changes) with a destination for the {@code traffic} trigger only.
 */
class TrafficAnomalyIT extends RealEngineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aDropToAFifthAndASurgeToFiveTimesEachAlertOnceWithinTwentyMinutesAndNightLowsDoNot() throws Exception {
        DailyRhythmSite site = new DailyRhythmSite(engine, dynamo, environment(), "traffic-reader-", Duration.ofSeconds(5));
        site.aWeekOf(hour -> hour < 6 ? 6 : 120);
        try (AlertReceiver receiver = AlertReceiver.http()) {
            AlertRig rig = site.webhookTo(receiver, "traffic");
            site.eighthDayUntil(13, hour -> hour < 6 ? 3 : 120, rig);
            assertEquals(List.of(), receiver.received().stream().map(AlertReceiver.Received::text).toList(),
                    "no alert through a night quieter than last week's, nor through the morning");

            List<String> seen = new ArrayList<>();
            Instant drop = site.eighthDayAt(13);
            site.eighthDayViews(13, 24);
            Instant dropAlert = site.runEveryMinute(rig, receiver, drop, 60, 1);
            assertTrue(dropAlert != null && !dropAlert.isAfter(drop.plus(Duration.ofMinutes(20))), "drop alerted at " + dropAlert);
            seen.add("drop to 20%: alerted " + Duration.between(drop, dropAlert).toMinutes() + " min after it began");
            site.eighthDayViews(14, 120);
            site.eighthDayViews(15, 120);
            assertEquals(null, site.runEveryMinute(rig, receiver, drop.plus(Duration.ofHours(1)), 120, 2), "recovery raises nothing");

            Instant surge = site.eighthDayAt(16);
            site.eighthDayViews(16, 600);
            Instant surgeAlert = site.runEveryMinute(rig, receiver, surge, 60, 2);
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
}
