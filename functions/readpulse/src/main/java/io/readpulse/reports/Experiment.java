package io.readpulse.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statistics of a Trending box experiment: each arm's click-through rate with a 95 % Wilson
 * interval, a two-proportion z-test of each arm against the leading one (the highest rate), and
 * how many impressions each arm would need to tell them apart at α = 0.05 (two-sided) with 80 %
 * power, if the rates observed were the true ones. Pure.
 *
 * <p>Each impression is taken as an independent trial. It is not quite one: a reader who sees the
 * box on ten pages weighs ten times, so the intervals are somewhat too narrow (docs/trending.md).
 */
public final class Experiment {
    /** The standard normal quantiles of 0.975 (α = 0.05, two-sided) and 0.8 (power). */
    static final double Z_ALPHA = 1.959963984540054;
    static final double Z_POWER = 0.8416212335729143;

    private Experiment() {
    }

    public record Interval(double low, double high) {
    }

    /**
     * One arm's result.
     *
     * @param versus the arm it is compared with (the leader; for the leader, the runner-up), or null alone
     * @param pValue of the two-proportion z-test against {@code versus}, or null
     * @param impressionsNeeded per arm, to tell the two rates apart; null when they are equal or unknown
     * @param impressionsStillNeeded of those, the ones this arm has not had yet (0 once it has enough)
     */
    public record Arm(String arm, long impressions, long clicks, Double ctr, Interval interval, String versus, Double z,
                      Double pValue, Long impressionsNeeded, Long impressionsStillNeeded) {
    }

    public record Tally(String arm, long impressions, long clicks) {
    }

    /** The arms, the leader (highest rate, ties by name) first. */
    public static List<Arm> compare(List<Tally> tallies) {
        List<Tally> ranked = new ArrayList<>(tallies);
        ranked.sort(Comparator.comparingDouble((Tally tally) -> tally.impressions() == 0 ? -1 : rate(tally)).reversed()
                .thenComparing(Tally::arm));
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Tally arm = ranked.get(i);
            Tally versus = ranked.size() < 2 ? null : ranked.get(i == 0 ? 1 : 0);
            arms.add(armOf(arm, versus));
        }
        return arms;
    }

    private static Arm armOf(Tally arm, Tally versus) {
        if (arm.impressions() == 0) {
            return new Arm(arm.arm(), 0, arm.clicks(), null, null, versus == null ? null : versus.arm(), null, null, null, null);
        }
        Interval interval = wilson(arm.clicks(), arm.impressions());
        if (versus == null || versus.impressions() == 0) {
            return new Arm(arm.arm(), arm.impressions(), arm.clicks(), round(rate(arm)), interval, null, null, null, null, null);
        }
        Double z = zScore(arm, versus);
        Long needed = impressionsNeeded(rate(arm), rate(versus));
        return new Arm(arm.arm(), arm.impressions(), arm.clicks(), round(rate(arm)), interval, versus.arm(),
                z == null ? null : Math.round(z * 1000) / 1000.0, z == null ? null : round(2 * (1 - normalCdf(Math.abs(z)))),
                needed, needed == null ? null : Math.max(0, needed - arm.impressions()));
    }

    private static double rate(Tally tally) {
        return (double) Math.min(tally.clicks(), tally.impressions()) / tally.impressions();
    }

    /** The 95 % Wilson score interval of {@code clicks} in {@code impressions}. */
    public static Interval wilson(long clicks, long impressions) {
        double n = impressions;
        double p = Math.min(clicks, impressions) / n;
        double z2 = Z_ALPHA * Z_ALPHA;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z_ALPHA / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(round(Math.max(0, centre - half)), round(Math.min(1, centre + half)));
    }

    /** The pooled two-proportion z statistic, or null when both rates are 0 or both 1 (no variance). */
    static Double zScore(Tally a, Tally b) {
        double pooled = (double) (Math.min(a.clicks(), a.impressions()) + Math.min(b.clicks(), b.impressions()))
                / (a.impressions() + b.impressions());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.impressions() + 1.0 / b.impressions()));
        return se == 0 ? null : (rate(a) - rate(b)) / se;
    }

    /**
     * Impressions per arm for a two-sided two-proportion test at α = 0.05 to detect the difference
     * between {@code p1} and {@code p2} with 80 % power (Fleiss's formula, without continuity
     * correction); null when the rates are equal.
     */
    public static Long impressionsNeeded(double p1, double p2) {
        if (p1 == p2) {
            return null;
        }
        double mean = (p1 + p2) / 2;
        double root = Z_ALPHA * Math.sqrt(2 * mean * (1 - mean)) + Z_POWER * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(root * root / ((p1 - p2) * (p1 - p2)));
    }

    /** Φ(x), the standard normal distribution function (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /** Rates, bounds and p-values keep six decimals. */
    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
