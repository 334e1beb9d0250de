package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.ReadsBaseline;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A site is silent when its readers stop: no read in the last complete hour after a day with some. */
class SilentSiteTest {

    static ReadsBaseline readsEveryHour(int perHour, int untilHour) {
        long[] hourly = new long[24];
        for (int hour = 0; hour < untilHour; hour++) {
            hourly[hour] = perHour;
        }
        return new ReadsBaseline((long) perHour * untilHour, hourly);
    }

    @Test
    void aSiteThatStoppedAnHourAgoIsSilent() {
        assertTrue(TrendingService.silent(readsEveryHour(5, 9), readsEveryHour(5, 24), Instant.parse("2026-11-30T10:05:00Z")));
        assertFalse(TrendingService.silent(readsEveryHour(5, 10), readsEveryHour(5, 24), Instant.parse("2026-11-30T10:05:00Z")));
    }

    @Test
    void aQuietSiteIsNotSilent() {
        assertFalse(TrendingService.silent(null, readsEveryHour(0, 24), Instant.parse("2026-11-30T10:05:00Z")));
        assertFalse(TrendingService.silent(readsEveryHour(1, 5), null, Instant.parse("2026-11-30T10:05:00Z")), "fewer than 24 reads before");
    }

    @Test
    void justAfterMidnightTheLastHourIsYesterdays() {
        assertTrue(TrendingService.silent(null, readsEveryHour(5, 23), Instant.parse("2026-11-30T00:03:00Z")));
        assertFalse(TrendingService.silent(null, readsEveryHour(5, 24), Instant.parse("2026-11-30T00:03:00Z")));
    }
}
