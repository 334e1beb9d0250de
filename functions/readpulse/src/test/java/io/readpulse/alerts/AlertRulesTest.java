package io.readpulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who receives an alert, and when the same alert may come again. */
class AlertRulesTest {
    private static final Instant NIGHT_IN_BERLIN = Instant.parse("2026-11-24T22:30:00Z");   // 23:30 in Berlin
    private static final Instant MORNING_IN_BERLIN = Instant.parse("2026-11-24T07:30:00Z"); // 08:30 in Berlin

    @Test
    void quietHoursAreTheDestinationsOwnAndAnAlertIsHeldUntilTheyEnd() {
        Destination newsroom = destination(Set.of(Trigger.RISING), 10_000, QuietHours.parse("22:00-07:00").orElseThrow());
        Alert rising = alert(Trigger.RISING, Map.of());
        assertFalse(AlertService.receives(newsroom, rising, NIGHT_IN_BERLIN));
        assertTrue(AlertService.receives(newsroom, rising, MORNING_IN_BERLIN));
    }

    @Test
    void aDestinationGetsOnlyItsTriggersAndItsOwnMilestone() {
        Destination milestones = destination(Set.of(Trigger.MILESTONE), 5_000, null);
        assertFalse(AlertService.receives(milestones, alert(Trigger.RISING, Map.of()), MORNING_IN_BERLIN));
        assertTrue(AlertService.receives(milestones, alert(Trigger.MILESTONE, Map.of("milestone", 5_000L)), MORNING_IN_BERLIN));
        assertFalse(AlertService.receives(milestones, alert(Trigger.MILESTONE, Map.of("milestone", 10_000L)), MORNING_IN_BERLIN));
        assertTrue(AlertService.receives(milestones, alert(Trigger.TEST, Map.of()), MORNING_IN_BERLIN), "a test reaches every destination");
    }

    @Test
    void cooldownsFollowTheWindow() {
        assertEquals(Duration.ofHours(12), AlertService.cooldown(Trigger.RISING, "rising#1h#summit"));
        assertEquals(Duration.ofHours(48), AlertService.cooldown(Trigger.RISING, "rising#24h#summit"));
        assertEquals(Duration.ofHours(3), AlertService.cooldown(Trigger.SILENCE, "silence"));
    }

    @Test
    void aListedTargetHidesItsPathAndQuery() {
        assertEquals("https://hooks.slack.com/…", destination(Set.of(), 1, null).maskedTarget());
    }

    private static Destination destination(Set<Trigger> triggers, long milestone, QuietHours quiet) {
        return new Destination("demo-news", "0a1b2c3d", Destination.Kind.SLACK, URI.create("https://hooks.slack.com/services/T0/B0/secret?x=1"),
                null, triggers, milestone, quiet, ZoneId.of("Europe/Berlin"), null, Instant.EPOCH, 0, 0, null, null);
    }

    private static Alert alert(Trigger trigger, Map<String, Object> data) {
        return new Alert("demo-news", trigger, trigger.wireName(), "id", MORNING_IN_BERLIN, "headline", "summary", null, List.of(), data);
    }
}
