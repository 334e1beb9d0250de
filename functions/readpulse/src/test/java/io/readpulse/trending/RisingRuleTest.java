package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.ReadsBaseline;
import io.readpulse.aggregate.DecayWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    void anArticleWithNoHistoryAtAllIsNotJudgedAgainstAFloor() {
        // No reads on its baseline days and nothing else known: not "rising by construction" any more.
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, 50, Map.of(), TODAY, 12);
        assertFalse(verdict.rising());
        assertTrue(verdict.baseline().text().startsWith("not judged"), verdict.toString());
        assertTrue(RisingRule.couldBeRising(DecayWindow.ONE_HOUR, 50));
        assertFalse(RisingRule.couldBeRising(DecayWindow.ONE_HOUR, 1));
    }

    /** One day's reads, spread evenly over its hours from {@code fromHour}. */
    static ReadsBaseline day(long reads, int fromHour) {
        long[] hourly = new long[24];
        for (int hour = fromHour; hour < 24; hour++) {
            hourly[hour] = reads / (24 - fromHour) + (hour - fromHour < reads % (24 - fromHour) ? 1 : 0);
        }
        return new ReadsBaseline(reads, hourly);
    }

    @Test
    void aPartialFirstDayCountsOnlyFromItsFirstReadHour() {
        // First read the day before yesterday at 20:00: 40 reads in 4 hours is 240 a day, as yesterday.
        Map<LocalDate, ReadsBaseline> history = Map.of(TODAY.minusDays(2), day(40, 20), TODAY.minusDays(1), day(240, 0));
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_DAY, steady(DecayWindow.ONE_DAY, 400), history, TODAY, 12);
        assertEquals(240, verdict.baselineReadsPerDay(), 0.01);
        assertFalse(verdict.rising(), "400 a day is not 2.5× a partial first day: " + verdict);
        assertEquals("1.67× its usual day (240 reads a day over the 2 days before)", verdict.baseline().text());
        assertEquals(RisingRule.BaselineKind.OWN_HISTORY, verdict.baseline().kind());
    }

    @Test
    void sameHourBaselinesSkipTheHoursBeforeTheFirstRead() {
        // At 10:00 the first day (from 20:00) has no 10:00 yet: one same hour (yesterday's 10 reads), not two.
        Map<LocalDate, ReadsBaseline> history = Map.of(TODAY.minusDays(2), day(40, 20), TODAY.minusDays(1), day(240, 0));
        RisingRule.Verdict verdict = RisingRule.judge(DecayWindow.ONE_HOUR, steady(DecayWindow.ONE_HOUR, 240), history, TODAY, 10);
        assertEquals((10 + 1) * 24.0, verdict.baselineReadsPerDay(), 0.01);
        assertEquals("0.91× its usual 10:00–11:00 UTC (that hour on the day before)", verdict.baseline().text());
    }

    @Test
    void atNightTheHourWindowHasACountingNoiseFloorNotTheDailyMean() {
        // 2,400 reads a day, all between 08:00 and 20:00; at 04:00 none on any of the seven days.
        Map<LocalDate, ReadsBaseline> history = new HashMap<>();
        for (int back = 1; back <= 7; back++) {
            long[] hourly = new long[24];
            for (int hour = 8; hour < 20; hour++) {
                hourly[hour] = 200;
            }
            history.put(TODAY.minusDays(back), new ReadsBaseline(2_400, hourly));
        }
        // Six readers in the hour at 04:00: against 100 an hour (the daily mean) it is nothing; against
        // (0 + 1) / 6 an hour it is news (six nights: the first day counts from its first read, 08:00).
        RisingRule.Verdict night = RisingRule.judge(DecayWindow.ONE_HOUR, 6.0 / 3_600 / DecayWindow.ONE_HOUR.lambdaPerSecond(), history, TODAY, 4);
        assertEquals(24.0 / 6, night.baselineReadsPerDay(), 1e-9);
        assertTrue(night.rising(), night.toString());
        // One reader is counting noise, floor or not.
        assertFalse(RisingRule.judge(DecayWindow.ONE_HOUR, 1.0 / 3_600 / DecayWindow.ONE_HOUR.lambdaPerSecond(), history, TODAY, 4).rising());
    }

    static final Instant NOON = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12).plusMinutes(30));

    /** Today's hours: {@code perHour} reads in each hour from {@code fromHour} to {@code toHour} (exclusive). */
    static long[] hours(int fromHour, int toHour, long perHour) {
        long[] hourly = new long[24];
        for (int hour = fromHour; hour < toHour; hour++) {
            hourly[hour] = perHour;
        }
        return hourly;
    }

    @Test
    void onANewSiteTheHourWindowComparesWithTheArticlesOwnHoursToday() {
        Instant countingSince = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(2));
        RisingRule.Article article = new RisingRule.Article(countingSince, hours(2, 13, 10), null, null, null, countingSince);
        // 10 an hour since 02:00: complete hours before the last two are 02:00-09:00, eight of them.
        RisingRule.Verdict steady = RisingRule.judge(DecayWindow.ONE_HOUR, 10.0 / 3_600 / DecayWindow.ONE_HOUR.lambdaPerSecond(), Map.of(),
                NOON, article, PublicationPrior.none());
        assertFalse(steady.rising());
        assertEquals(RisingRule.BaselineKind.OWN_HOURS_TODAY, steady.baseline().kind());
        assertEquals((80 + 1) / 8.0 * 24, steady.baselineReadsPerDay(), 1e-9);
        RisingRule.Verdict surge = RisingRule.judge(DecayWindow.ONE_HOUR, 60.0 / 3_600 / DecayWindow.ONE_HOUR.lambdaPerSecond(), Map.of(),
                NOON, article, PublicationPrior.none());
        assertTrue(surge.rising(), surge.toString());
        assertEquals("5.93× its own hours so far (8 hours since its first read)", surge.baseline().text());
        // The day windows do not list it before it has a day of its own.
        assertFalse(RisingRule.judge(DecayWindow.ONE_DAY, 1_000, Map.of(), NOON, article, PublicationPrior.none()).rising());
        // Fewer than six complete hours of its own: not judged.
        Instant late = countingSince.plus(Duration.ofHours(6));
        RisingRule.Article young = new RisingRule.Article(late, hours(8, 13, 10), null, null, null, countingSince);
        assertFalse(RisingRule.judge(DecayWindow.ONE_HOUR, 1_000, Map.of(), NOON, young, PublicationPrior.none()).rising());
    }

    /** A prior whose Business articles read {@code perHour[k]} in their k-th hour, from ten debuts of two days ago... */
    static PublicationPrior businessPrior(long... perHour) {
        PublicationPrior.Builder builder = PublicationPrior.builder(24 + 12);
        for (int article = 0; article < 10; article++) {
            long[] twoDays = new long[48];
            // Debuts yesterday at 06:00, 07:00, ...: at least 20 complete hours each by today 12:00.
            int debut = 6 + article;
            for (int age = 0; age < perHour.length && debut + age < 48; age++) {
                twoDays[debut + age] = perHour[age];
            }
            builder.add("business", twoDays);
        }
        return builder.build();
    }

    @Test
    void aNewArticleIsJudgedAgainstItsSectionsUsualFirstHours() {
        PublicationPrior prior = businessPrior(30, 60, 40, 20, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        Instant firstRead = NOON.minus(Duration.ofMinutes(150)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        // First read at 10:00, now 12:30: its third hour, half over.
        RisingRule.Article article = new RisingRule.Article(firstRead, hours(10, 13, 0), null, "business", "Business", null);
        double lambda = DecayWindow.ONE_HOUR.lambdaPerSecond();
        double typical = 30 * Math.exp(-lambda * 2.0 * 3_600) + 60 * Math.exp(-lambda * 1.0 * 3_600) + 40 * 0.5 * Math.exp(-lambda * 0.25 * 3_600);
        RisingRule.Verdict usual = RisingRule.judge(DecayWindow.ONE_HOUR, typical, Map.of(), NOON, article, prior);
        assertEquals(typical, usual.expected(), 1e-9);
        assertFalse(usual.rising());
        assertEquals(RisingRule.BaselineKind.PUBLICATION_PRIOR, usual.baseline().kind());
        RisingRule.Verdict fourTimes = RisingRule.judge(DecayWindow.ONE_HOUR, 4 * typical, Map.of(), NOON, article, prior);
        assertTrue(fourTimes.rising(), fourTimes.toString());
        assertEquals("4× a typical Business story 2 hours after publication", fourTimes.baseline().text());
        assertEquals(0, fourTimes.swing() - (3 * typical) / Math.sqrt(typical / 2), 1e-9, "σ = 0");

        // Its trusted publication time moves its age earlier, never later.
        RisingRule.Article publishedEarlier = new RisingRule.Article(firstRead, hours(10, 13, 0), firstRead.minus(Duration.ofHours(1)),
                "business", "Business", null);
        assertTrue(RisingRule.judge(DecayWindow.ONE_HOUR, typical, Map.of(), NOON, publishedEarlier, prior).baseline().text()
                .endsWith("3 hours after publication"));
        RisingRule.Article publishedLater = new RisingRule.Article(firstRead, hours(10, 13, 0), firstRead.plus(Duration.ofHours(1)),
                "business", "Business", null);
        assertEquals(typical, RisingRule.judge(DecayWindow.ONE_HOUR, typical, Map.of(), NOON, publishedLater, prior).expected(), 1e-9);

        // Without a described section, the site's curve: here the same articles, named as the site's.
        RisingRule.Article undescribed = new RisingRule.Article(firstRead, hours(10, 13, 0), null, null, null, null);
        assertTrue(RisingRule.judge(DecayWindow.ONE_HOUR, 4 * typical, Map.of(), NOON, undescribed, prior).baseline().text()
                .equals("4× a typical story on this site 2 hours after publication"));

        // Reads on a baseline day before its debut: not new; its own (short) history judges it.
        Map<LocalDate, ReadsBaseline> older = Map.of(TODAY.minusDays(3), day(5, 0));
        assertEquals(RisingRule.BaselineKind.OWN_HISTORY,
                RisingRule.judge(DecayWindow.ONE_HOUR, 4 * typical, older, NOON, article, prior).baseline().kind());

        // A site that began counting less than a day before the debut: the article may be older than the site's counting.
        RisingRule.Article onANewSite = new RisingRule.Article(firstRead, hours(10, 13, 0), null, "business", "Business",
                firstRead.minus(Duration.ofHours(20)));
        assertEquals(RisingRule.BaselineKind.OWN_HOURS_TODAY,
                RisingRule.judge(DecayWindow.ONE_HOUR, 4 * typical, Map.of(), NOON, onANewSite, prior).baseline().kind());

        // No prior with enough debuts: not rising, whatever the reads.
        RisingRule.Verdict noPrior = RisingRule.judge(DecayWindow.ONE_HOUR, 1_000, Map.of(), NOON, article, PublicationPrior.none());
        assertFalse(noPrior.rising());
        assertEquals(RisingRule.BaselineKind.PUBLICATION_PRIOR, noPrior.baseline().kind());
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
