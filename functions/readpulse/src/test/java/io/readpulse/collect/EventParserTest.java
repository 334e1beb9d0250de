package io.readpulse.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z"})
    void theEpochIsTheEpoch(String text) {
        assertEquals(Instant.EPOCH, EventParser.parseInstant(text));
    }
}
