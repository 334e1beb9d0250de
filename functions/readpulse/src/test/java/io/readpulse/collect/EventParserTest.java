package io.readpulse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.Refusal;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-29T07:30:00Z", "2024-02-29T23:59:59Z", "2026-11-29T07:30:00.123Z", "2026-11-29T08:30:00+01:00"})
    void readsInstantsAsInstantParseDoes(String text) {
        assertEquals(java.time.OffsetDateTime.parse(text).toInstant(), EventParser.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-29T07:30:00Z", "2026-02-30T07:30:00Z", "2026-11-29T25:30:00Z", "2026-1a-29T07:30:00Z", "yesterday"})
    void refusesWhatIsNoInstant(String text) {
        assertThrows(DateTimeException.class, () -> EventParser.parseInstant(text));
    }

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    static Refusal refusal(String body) {
        return assertThrows(Refusal.class, () -> new EventParser().parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), NOW));
    }

    static String view(String extra, String published, String title) {
        return "{\"site\":\"demo-news\",\"type\":\"view\"" + extra + ",\"article\":{\"id\":\"a\",\"url\":\"https://news.example/a\","
                + "\"title\":\"" + title + "\",\"section\":\"World\",\"publishedAt\":\"" + published + "\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z"})
    void absurdPublicationTimesAreA400NotAnOverflow(String published) {
        Refusal refused = refusal(view("", published, "T"));
        assertEquals(Refusal.Kind.INVALID, refused.kind());
        assertEquals("article.publishedAt", refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udfffb", "\\ud83d"})
    void halfASurrogatePairIsRefusedBeforeAnythingIsWritten(String escape) {
        Refusal refused = refusal(view("", "2026-11-29T06:00:00Z", escape));
        assertEquals("invalid_text", refused.code());
        assertEquals("article.title", refused.field());
    }

    @org.junit.jupiter.api.Test
    void anEventIdNeedsItsShapeAndARecentTs() {
        long now = NOW.toEpochMilli();
        for (String extra : java.util.List.of(
                ",\"id\":\"abcdefgh12\"",
                ",\"id\":\"short\",\"ts\":" + now,
                ",\"id\":\"has space here\",\"ts\":" + now,
                ",\"id\":42,\"ts\":" + now,
                ",\"id\":\"abcdefgh12\",\"ts\":" + (now - 2 * 3_600_000L),
                ",\"id\":\"abcdefgh12\",\"ts\":" + (now + 10 * 60_000L))) {
            Refusal refused = refusal(view(extra, "2026-11-29T06:00:00Z", "T"));
            assertEquals(Refusal.Kind.INVALID, refused.kind(), extra);
            assertTrue(refused.field().equals("id") || refused.field().equals("ts"), extra + ": " + refused.field());
        }
    }

    @org.junit.jupiter.api.Test
    void twoEventsOfARequestMayNotShareAnId() {
        String event = "{\"type\":\"engage\",\"seconds\":15,\"id\":\"same-id-123\",\"ts\":" + NOW.toEpochMilli()
                + ",\"article\":{\"id\":\"a\",\"url\":\"https://news.example/a\"}}";
        Refusal refused = refusal("{\"site\":\"demo-news\",\"events\":[" + event + "," + event + "]}");
        assertEquals("duplicate_event_id", refused.code());
        assertEquals("events[1].id", refused.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z"})
    void theEpochIsTheEpoch(String text) {
        assertEquals(Instant.EPOCH, EventParser.parseInstant(text));
    }
}
