package io.readpulse.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a site's traffic is far below or far above the same time last week: its views by people
 * in the last {@value #WINDOW_MINUTES} minutes, {@code O}, against what the same minutes seven days
 * before lead us to expect, {@code E} (that day's hourly counters, each hour weighted by the
 * minutes of it the window covers).
 *
 * <p>"Far" is two conditions, both needed:
 * <ol>
 *   <li><b>ratio</b>: {@code O ≤ E/2} (a drop) or {@code O ≥ 2E} (a surge);</li>
 *   <li><b>significance</b>: counting noise cannot explain it. As RisingRule does, the counts are
 *       compared on the square-root scale where a Poisson count's noise is 1,
 *       {@code z = 2(√(O+3/8) − √(E+3/8)) / √(1 + a)}, widened by {@code a}, the share of last week's
 *       own noise that {@code E} carries (a scaled count: {@code a = Σwᵢ²Wᵢ / ΣwᵢWᵢ}, at most 1/3
 *       for a 20-minute window); {@code |z| ≥} {@value #MIN_SIGNIFICANCE}, a one-sided chance of about
 *       3 in 100,000 for a site whose traffic did not change.</li>
 * </ol>
 * A night's few views are never far from last week's few: with {@code E = 2}, even no view at all
 * gives {@code z ≈ −1.6}; none at all counts as a drop only from {@code E ≈ 8} (the silence trigger's
 * threshold too). So night lows, and small sites, raise nothing; a drop to a fifth of 120 views an
 * hour is seen about 16 minutes after it starts, a surge to five times within about 5.
 */
public final class TrafficAnomaly {
    static final int WINDOW_MINUTES = 20;
    static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
    static final double MIN_SIGNIFICANCE = 4.0;
    static final double DROP_RATIO = 0.5;
    static final double SURGE_RATIO = 2.0;

    private TrafficAnomaly() {
    }

    public enum Kind {
        DROP("drop"), SURGE("surge");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** @param kind null when the traffic is not far from last week's */
    public record Verdict(Kind kind, long observed, double expected, double significance) {
    }

    /** One hour of last week that the window covers, and the share of it covered ({@code weight}, 0 to 1). */
    public record HourShare(Instant hourStart, double weight) {
    }

    /** The hours of the same window seven days before {@code now}, each with the share of it covered. */
    public static List<HourShare> lastWeeksHours(Instant now) {
        Instant from = now.minus(WINDOW).minus(Duration.ofDays(7));
        Instant to = now.minus(Duration.ofDays(7));
        List<HourShare> hours = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            Instant start = hour.isAfter(from) ? hour : from;
            Instant end = hour.plus(Duration.ofHours(1)).isBefore(to) ? hour.plus(Duration.ofHours(1)) : to;
            hours.add(new HourShare(hour, Duration.between(start, end).toSeconds() / 3600.0));
        }
        return hours;
    }

    /**
     * @param observed views by people in the last {@value #WINDOW_MINUTES} minutes
     * @param lastWeek views in each hour of {@link #lastWeeksHours}, in the same order
     */
    public static Verdict judge(long observed, List<HourShare> hours, List<Long> lastWeek) {
        double expected = 0;
        double expectedVariance = 0;
        for (int i = 0; i < hours.size(); i++) {
            double weight = hours.get(i).weight();
            expected += weight * lastWeek.get(i);
            expectedVariance += weight * weight * lastWeek.get(i);
        }
        double noiseShare = expected > 0 ? expectedVariance / expected : 0;
        double significance = 2 * (Math.sqrt(observed + 0.375) - Math.sqrt(expected + 0.375)) / Math.sqrt(1 + noiseShare);
        Kind kind = null;
        if (observed <= DROP_RATIO * expected && significance <= -MIN_SIGNIFICANCE) {
            kind = Kind.DROP;
        } else if (observed >= SURGE_RATIO * expected && significance >= MIN_SIGNIFICANCE) {
            kind = Kind.SURGE;
        }
        return new Verdict(kind, observed, expected, significance);
    }
}
