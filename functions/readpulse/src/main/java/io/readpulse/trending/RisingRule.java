package io.readpulse.trending;

import io.readpulse.aggregate.ReadsBaseline;
import io.readpulse.aggregate.DecayWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an article is rising in a window, and how surprisingly: its decayed reads now
 * against what its own recent days lead us to expect.
 *
 * <p>Under a steady rate of {@code r} reads a second, a forward-decayed sum with rate constant
 * {@code λ} has mean {@code r/λ} and variance {@code r/(2λ)}, so twice the sum behaves like a Poisson
 * count. An article is rising only when all three hold:
 * <ol>
 *   <li><b>growth</b>: decayed reads are at least {@value #MIN_GROWTH} times the expected value;</li>
 *   <li><b>significance</b>: counting noise cannot explain it: the variance-stabilised difference
 *       {@code 2(√(2D+3/8) − √(2μ+3/8))} is at least {@value #MIN_SIGNIFICANCE};</li>
 *   <li><b>swing</b>: the article's own day-to-day swing over the baseline days cannot explain it
 *       either: {@code (D − μ)/√(μ/2 + σ²)} is at least {@value #MIN_SWING}.</li>
 * </ol>
 * So the best of a quiet field is not rising: a handful of reads, or a normal busy day, is not enough.
 * Lists rank rising articles by significance.
 *
 * <p>Baselines: for {@code 1h} and {@code 24h} the seven UTC days before today; for {@code 7d} the
 * seven days before those (this week against last week). Days before the article's first counted
 * day do not count (it did not exist yet); later days without reads count as zero. {@code 1h} also
 * looks at the same hours of those days, so the morning peak is not mistaken for news. An article
 * with no baseline at all is held to {@value #FLOOR_READS_PER_DAY} read a day.
 */
public final class RisingRule {
    static final double MIN_GROWTH = 2.5;
    static final double MIN_SIGNIFICANCE = 3.0;
    static final double MIN_SWING = 2.0;
    static final double FLOOR_READS_PER_DAY = 1.0;
    static final int BASELINE_DAYS = 7;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_HOUR = 3_600;

    private RisingRule() {
    }

    /**
     * How an article stands against its baseline.
     *
     * @param current decayed reads now (flood factor applied)
     * @param expected what the baseline leads us to expect for {@code current}
     * @param baselineReadsPerDay the baseline as reads a day
     */
    public record Verdict(boolean rising, double current, double expected, double growth, double significance,
                          double swing, double baselineReadsPerDay) {
    }

    /** The days whose reads make the baseline of {@code window} on {@code today}, oldest first. */
    public static List<LocalDate> baselineDays(DecayWindow window, LocalDate today) {
        LocalDate last = window == DecayWindow.ONE_WEEK ? today.minusDays(BASELINE_DAYS + 1) : today.minusDays(1);
        List<LocalDate> days = new ArrayList<>(BASELINE_DAYS);
        for (int back = BASELINE_DAYS - 1; back >= 0; back--) {
            days.add(last.minusDays(back));
        }
        return days;
    }

    /**
     * @param history the article's counters by day (reads and hourly reads are used); days absent had no reads
     * @param hourOfDay the UTC hour now, for the {@code 1h} window's same-hour baseline
     */
    public static Verdict judge(DecayWindow window, double current, Map<LocalDate, ReadsBaseline> history, LocalDate today, int hourOfDay) {
        List<LocalDate> days = baselineDays(window, today);
        int first = 0;
        while (first < days.size() && !history.containsKey(days.get(first))) {
            first++;
        }
        double ratePerSecond = FLOOR_READS_PER_DAY / SECONDS_PER_DAY;
        double swingPerSecond = 0;
        if (first < days.size()) {
            List<ReadsBaseline> span = new ArrayList<>();
            for (LocalDate day : days.subList(first, days.size())) {
                span.add(history.get(day));
            }
            double[] daily = new double[span.size()];
            double[] sameHours = new double[span.size()];
            int previousHour = (hourOfDay + 23) % 24;
            for (int i = 0; i < span.size(); i++) {
                ReadsBaseline day = span.get(i);
                daily[i] = day == null ? 0 : day.reads();
                // The current and the previous hour: a half-hour half-life reaches back that far.
                sameHours[i] = day == null ? 0 : Math.max(day.hourlyReads(hourOfDay), day.hourlyReads(previousHour));
            }
            if (window == DecayWindow.ONE_HOUR) {
                ratePerSecond = Math.max(ratePerSecond, Math.max(mean(daily) / SECONDS_PER_DAY, mean(sameHours) / SECONDS_PER_HOUR));
                swingPerSecond = standardDeviation(sameHours) / SECONDS_PER_HOUR;
            } else {
                ratePerSecond = Math.max(ratePerSecond, mean(daily) / SECONDS_PER_DAY);
                swingPerSecond = standardDeviation(daily) / SECONDS_PER_DAY;
            }
        }
        double lambda = window.lambdaPerSecond();
        double expected = ratePerSecond / lambda;
        double swingOfExpected = swingPerSecond / lambda;
        double growth = current / expected;
        double significance = significance(current, expected);
        double swing = (current - expected) / Math.sqrt(expected / 2 + swingOfExpected * swingOfExpected);
        boolean rising = growth >= MIN_GROWTH && significance >= MIN_SIGNIFICANCE && swing >= MIN_SWING;
        return new Verdict(rising, current, expected, growth, significance, swing, ratePerSecond * SECONDS_PER_DAY);
    }

    /**
     * Could this article be rising at all? With the baseline at its floor, the growth and the
     * significance are as high as they can be: if they fall short, no baseline read would change that.
     */
    public static boolean couldBeRising(DecayWindow window, double current) {
        double floorExpected = FLOOR_READS_PER_DAY / SECONDS_PER_DAY / window.lambdaPerSecond();
        return current / floorExpected >= MIN_GROWTH && significance(current, floorExpected) >= MIN_SIGNIFICANCE;
    }

    /**
     * A first guess at the significance, with yesterday's reads as the whole baseline: enough to
     * choose which articles deserve a read of their full baselines.
     */
    public static double provisionalSignificance(DecayWindow window, double current, long yesterdayReads) {
        double expected = Math.max(FLOOR_READS_PER_DAY, yesterdayReads) / SECONDS_PER_DAY / window.lambdaPerSecond();
        return significance(current, expected);
    }

    /** Twice a decayed sum counts like a Poisson variable; its square root has a variance of about 1/4. */
    private static double significance(double current, double expected) {
        return 2 * (Math.sqrt(2 * current + 0.375) - Math.sqrt(2 * expected + 0.375));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
