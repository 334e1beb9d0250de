package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.ReadsBaseline;
import io.readpulse.aggregate.DecayWindow;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RisingRuleTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    /** What a steady {@code readsPerDay} leaves in a window's decayed sum. */
    static double steady(DecayWindow window, double readsPerDay) {
        return readsPerDay / 86_400 / window.lambdaPerSecond();
    }

    static Map<LocalDate, ReadsBaseline> history(long... readsOldestFirst) {
        Map<LocalDate, ReadsBaseline> history = new HashMap<>();
        for (int i = 0; i < readsOldestFirst.length; i++) {
            long[] hourly = new long[24];
            for (int hour = 0; hour < 24; hour++) {
                hourly[hour] = readsOldestFirst[i] / 24;
            }
            history.put(TODAY.minusDays(readsOldestFirst.length - i), new ReadsBaseline(readsOldestFirst[i], hourly));
        }
        return history;
    }

    @Test
    void baselinesAreTheSevenDaysBeforeTodayOrForAWeekTheSevenBeforeThose() {
        assertEquals(List.of(TODAY.minusDays(7), TODAY.minusDays(6), TODAY.minusDays(5), TODAY.minusDays(4), TODAY.minusDays(3),
                TODAY.minusDays(2), TODAY.minusDays(1)), RisingRule.baselineDays(DecayWindow.ONE_DAY, TODAY));
        assertEquals(TODAY.minusDays(14), RisingRule.baselineDays(DecayWindow.ONE_WEEK, TODAY).get(0));
        assertEquals(TODAY.minusDays(8), RisingRule.baselineDays(DecayWindow.ONE_WEEK, TODAY).get(6));
    }

    @Test
    void aSteadyArticleIsNotRisingHoweverMuchItIsRead() {
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 10_000),
                history(10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000), TODAY, 12);
        assertFalse(verdict.rising());
        assertEquals(1.0, verdict.growth(), 0.01);
        assertEquals(10_000, verdict.baselineReadsPerDay(), 0.1);
    }

    @Test
    void aJumpWellAboveTheBaselineIsRising() {
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 400),
                history(100, 90, 110, 100, 95, 105, 100), TODAY, 12);
        assertTrue(verdict.rising(), verdict.toString());
        assertEquals(4.0, verdict.growth(), 0.05);
    }

    @Test
    void aQuietArticleIsNotRisingOnAFewReads() {
        // Four times its baseline of one read a day, but four reads are counting noise.
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 4),
                history(1, 1, 1, 1, 1, 1, 1), TODAY, 12);
        assertTrue(verdict.growth() > 3.5);
        assertFalse(verdict.rising(), verdict.toString());
        assertTrue(verdict.significance() < RisingRule.MIN_SIGNIFICANCE);
    }

    @Test
    void growthWithinTheArticlesOwnSwingIsNotRising() {
        // Busy every other day: 2.7 times the mean is within what it does anyway.
        Map<LocalDate, ReadsBaseline> swinging = history(100, 1_000, 100, 1_000, 100, 1_000, 100);
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 1_300), swinging, TODAY, 12);
        assertTrue(verdict.growth() >= RisingRule.MIN_GROWTH && verdict.significance() >= RisingRule.MIN_SIGNIFICANCE, verdict.toString());
        assertFalse(verdict.rising(), "within its own swing: " + verdict);
    }

    @Test
    void daysBeforeTheFirstCountedDayAreNotPartOfTheBaseline() {
        // Published two days ago and read steadily since: not rising, although five of the seven days are empty.
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 500), history(500, 500), TODAY, 12);
        assertEquals(500, verdict.baselineReadsPerDay(), 0.1);
        assertFalse(verdict.rising());
    }

    @Test
    void aNewArticleIsHeldToTheFloorBaseline() {
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_HOUR, 50, Map.of(), TODAY, 12);
        assertEquals(RisingRule.FLOOR_READS_PER_DAY, verdict.baselineReadsPerDay(), 1e-9);
        assertTrue(verdict.rising());
        assertTrue(RisingRule.couldBeRising(DecayWindow.ONE_HOUR, 50));
        assertFalse(RisingRule.couldBeRising(DecayWindow.ONE_HOUR, 1));
    }

    @Test
    void theHourWindowComparesWithTheSameHoursOfPreviousDays() {
        // 240 reads a day, all of them between 08:00 and 09:00: 240 in that hour is the usual morning.
        Map<LocalDate, ReadsBaseline> mornings = new HashMap<>();
        for (int back = 1; back <= 7; back++) {
            long[] hourly = new long[24];
            hourly[8] = 240;
            mornings.put(TODAY.minusDays(back), new ReadsBaseline(240, hourly));
        }
        double morningRush = 240.0 / 3_600 / DecayWindow.ONE_HOUR.lambdaPerSecond();
        assertFalse(RisingRule.judge(DecayWindow.ONE_HOUR, morningRush, mornings, TODAY, 8).rising());
        assertTrue(RisingRule.judge(DecayWindow.ONE_HOUR, morningRush, mornings, TODAY, 15).rising(), "the same rush at 15:00 is news");
    }
}
