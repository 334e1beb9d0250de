package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.readpulse.model.Refusal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRangeTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:34:56Z");

    @Test
    void datesCoverWholeDaysWithTheEndDateIncluded() {
        ReportRange range = ReportRange.parse("2026-11-01", "2026-11-07", null, NOW);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-11-08T00:00:00Z"), range.to());
        assertEquals(7, range.days().size());
        assertEquals(7, range.buckets().size());
    }

    @Test
    void timesAreWidenedToWholeHoursAndOffsetsHonoured() {
        ReportRange range = ReportRange.parse("2026-11-29T06:10:00+01:00", "2026-11-29T08:00:01", "hour", NOW);
        assertEquals(Instant.parse("2026-11-29T05:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-11-29T09:00:00Z"), range.to());
        assertEquals(4, range.buckets().size());
        // "+01:00" unencoded in a query string arrives as " 01:00"
        assertEquals(range.from(), ReportRange.parse("2026-11-29T06:10:00 01:00", null, "hour", NOW).from());
    }

    @Test
    void defaultsAreTheLastSevenDaysOrTheLastDayOfHours() {
        ReportRange days = ReportRange.parse(null, null, null, NOW);
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), days.from());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), days.to());
        ReportRange hours = ReportRange.parse(null, null, "hour", NOW);
        assertEquals(Instant.parse("2026-11-28T13:00:00Z"), hours.from());
        assertEquals(Instant.parse("2026-11-29T13:00:00Z"), hours.to());
        assertEquals(24, hours.buckets().size());
    }

    @Test
    void aDayBucketOfAPartialRangeHoldsOnlyItsHours() {
        ReportRange range = ReportRange.parse("2026-11-28T14:00:00Z", "2026-11-29T09:00:00Z", "day", NOW);
        assertEquals(List.of(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29")), range.days());
        assertEquals(new ReportRange.Bucket(Instant.parse("2026-11-28T14:00:00Z"), LocalDate.parse("2026-11-28"), 14, 24), range.buckets().get(0));
        assertEquals(new ReportRange.Bucket(Instant.parse("2026-11-29T00:00:00Z"), LocalDate.parse("2026-11-29"), 0, 9), range.buckets().get(1));
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), range.wholeDaysTo());
    }

    @Test
    void limitsAreNinetyDaysByDayAndSevenByHour() {
        assertEquals(90, ReportRange.parse("2026-09-01", "2026-11-29", null, NOW).days().size());
        assertEquals("range_too_long", assertThrows(Refusal.class, () -> ReportRange.parse("2026-08-31", "2026-11-29", null, NOW)).code());
        assertEquals(168, ReportRange.parse("2026-11-23", "2026-11-29", "hour", NOW).buckets().size());
        assertEquals("range_too_long", assertThrows(Refusal.class, () -> ReportRange.parse("2026-11-22", "2026-11-29", "hour", NOW)).code());
    }

    @Test
    void badValuesAreNamed() {
        Refusal reversed = assertThrows(Refusal.class, () -> ReportRange.parse("2026-11-29", "2026-11-28", null, NOW));
        assertEquals("range_reversed", reversed.code());
        assertEquals("from", reversed.field());
        Refusal granularity = assertThrows(Refusal.class, () -> ReportRange.parse(null, null, "minute", NOW));
        assertEquals("granularity", granularity.field());
        Refusal time = assertThrows(Refusal.class, () -> ReportRange.parse(null, "29/11/2026", null, NOW));
        assertEquals("invalid_time", time.code());
        assertEquals("to", time.field());
    }
}
