package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportComparisonTest {
    @Test
    void theChangeIsInPercentWithOneDecimalAndNullWithNothingBefore() {
        assertEquals(16.7, ReportComparison.changePercent(7, 6));
        assertEquals(-66.7, ReportComparison.changePercent(1, 3));
        assertEquals(0.0, ReportComparison.changePercent(5, 5));
        assertEquals(-100.0, ReportComparison.changePercent(0, 4));
        assertNull(ReportComparison.changePercent(3, 0));
        assertNull(ReportComparison.changePercent(0, 0));
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndEndsWhereTheRangeStarts() {
        ReportRange week = ReportRange.parse("2026-11-23", "2026-11-29", null, Instant.parse("2026-11-29T12:00:00Z"));
        ReportRange before = ReportComparison.previousOf(week);
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), before.from());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), before.to());
        assertEquals(Granularity.DAY, before.granularity());

        ReportRange day = ReportRange.parse(null, null, "hour", Instant.parse("2026-11-29T12:30:00Z"));
        ReportRange dayBefore = ReportComparison.previousOf(day);
        assertEquals(day.from(), dayBefore.to());
        assertEquals(24, dayBefore.hours());
        assertEquals(Granularity.HOUR, dayBefore.granularity());
    }
}
