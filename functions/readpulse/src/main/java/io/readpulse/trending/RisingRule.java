package io.readpulse.trending;

import io.readpulse.aggregate.DecayWindow;
import io.readpulse.aggregate.ReadsBaseline;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether an article is rising in a window, and how surprisingly: its decayed reads now
 * against what we expect of it, and against which baseline.
 *
 * <p>Under a steady rate of {@code r} reads a second, a forward-decayed sum with rate constant
 * {@code λ} has mean {@code r/λ} and variance {@code r/(2λ)}, so twice the sum behaves like a Poisson
 * count. An article is rising only when all three hold:
 * <ol>
 *   <li><b>growth</b>: decayed reads are at least {@value #MIN_GROWTH} times the expected value;</li>
 *   <li><b>significance</b>: counting noise cannot explain it: the variance-stabilised difference
 *       {@code 2(√(2D+3/8) − √(2μ+3/8))} is at least {@value #MIN_SIGNIFICANCE};</li>
 *   <li><b>swing</b>: the baseline's own swing cannot explain it either: {@code (D − μ)/√(μ/2 + σ²)}
 *       is at least {@value #MIN_SWING}.</li>
 * </ol>
 * Lists rank rising articles by significance.
 *
 * <p>Which baseline ({@link BaselineKind}):
 * <ul>
 *   <li><b>A new article</b> (its first read less than 48 hours ago, no reads on the baseline days
 *       before it, on a site that was counting at least a day before it): the
 *       {@link PublicationPrior}, what the site's new articles (of its section where there are
 *       enough) usually do at that age; σ = 0. No prior, not rising.</li>
 *   <li><b>An article with at least a day of observed history</b>: its own. For {@code 1h} and
 *       {@code 24h} the seven UTC days before today; for {@code 7d} the seven before those. Only the
 *       observed span counts: the first counted day from its first read hour (a daily rate is reads
 *       / hours observed × 24), and same-hour baselines skip the hours before it. {@code 1h} is the
 *       same-hour rate with a counting-noise floor, (Σ same-hour reads + 1) / hours observed, never
 *       the daily mean, so a night surge is judged against the night.</li>
 *   <li><b>Anything else</b> (on a new site, an article that was there when counting began): the
 *       {@code 1h} window judges it against its own complete hours before the last two, at least
 *       {@value #MIN_OWN_HOURS} of them; the {@code 24h} window against its observed hours before
 *       today once there are {@value #MIN_OWN_HOURS}; the {@code 7d} window does not list it.</li>
 * </ul>
 */
public final class RisingRule {
    static final double MIN_GROWTH = 2.5;
    static final double MIN_SIGNIFICANCE = 3.0;
    static final double MIN_SWING = 2.0;
    /** The least a day-long baseline says: one read a day. */
    static final double FLOOR_READS_PER_DAY = 1.0;
    static final int BASELINE_DAYS = 7;
    /** An article younger than this (since its debut) is judged against the publication prior. */
    static final Duration NEW_FOR = Duration.ofHours(PublicationPrior.HOURS);
    /** A site must have been counting this long before an article's debut to call the article new. */
    static final Duration SITE_COUNTING_BEFORE_DEBUT = Duration.ofHours(24);
    /**
     * The observed history an article needs for its own baseline in the {@code 1h} (every hour of
     * the day seen once) and {@code 7d} windows; {@code 24h} needs {@value #MIN_OWN_HOURS} hours, so a
     * new site's second day already finds stories that outgrow its first.
     */
    static final int MIN_OBSERVED_HOURS = 24;
    /** The complete hours of its own an article on a new site needs before its 1h window judges it. */
    static final int MIN_OWN_HOURS = 6;
    private static final double SECONDS_PER_DAY = 86_400;
    private static final double SECONDS_PER_HOUR = 3_600;

    private RisingRule() {
    }

    /** Which expectation an article was judged against. */
    public enum BaselineKind {
        /** Its own previous days. */
        OWN_HISTORY,
        /** What the site's new articles usually do at the same age. */
        PUBLICATION_PRIOR,
        /** On a new site: its own hours so far. */
        OWN_HOURS_TODAY
    }

    /** The baseline a verdict used, and the growth against it in words ("3.1× its usual day"). */
    public record Baseline(BaselineKind kind, String text) {
    }

    /**
     * How an article stands against its baseline.
     *
     * @param current decayed reads now (flood factor applied)
     * @param expected what the baseline leads us to expect for {@code current}
     * @param baselineReadsPerDay the baseline as reads a day
     * @param baseline which baseline, and the growth against it in words; null in verdicts stored
     *     before baselines were named
     */
    public record Verdict(boolean rising, double current, double expected, double growth, double significance,
                          double swing, double baselineReadsPerDay, Baseline baseline) {

        /** A verdict that does not name its baseline (one stored before they were named). */
        public Verdict(boolean rising, double current, double expected, double growth, double significance,
                       double swing, double baselineReadsPerDay) {
            this(rising, current, expected, growth, significance, swing, baselineReadsPerDay, null);
        }
    }

    /**
     * What the job knows of an article besides its baseline days, all of it from counters or from
     * the article's trusted description, never from a browser's claim.
     *
     * @param firstRead the start of its first hour with reads in yesterday's and today's items, or null
     * @param todayHours its reads by UTC hour today
     * @param published the publication time of its trusted description, or null; used only to move
     *     its age earlier than its first read
     * @param sectionSlug its section's slug from its trusted description, or null
     * @param sectionName that section's display name, or null
     * @param siteCountingSince the start of the site's first counted hour in the eight days to today,
     *     or null if the site was counting before them
     */
    public record Article(Instant firstRead, long[] todayHours, Instant published, String sectionSlug, String sectionName,
                          Instant siteCountingSince) {

        /** Nothing known beyond the baseline days: judged against its own history. */
        public static Article ofHistoryAlone() {
            return new Article(null, new long[24], null, null, null, null);
        }
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

    /** Against its own history alone, at the middle of {@code hourOfDay}. */
    public static Verdict judge(DecayWindow window, double current, Map<LocalDate, ReadsBaseline> history, LocalDate today, int hourOfDay) {
        Instant now = today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(hourOfDay * 60L + 30));
        return judge(window, current, history, now, Article.ofHistoryAlone(), PublicationPrior.none());
    }

    /**
     * @param history the article's counters by day (reads and hourly reads): at least the window's
     *     baseline days and, for a young article, the seven days before today; days absent had no reads
     */
    public static Verdict judge(DecayWindow window, double current, Map<LocalDate, ReadsBaseline> history, Instant now,
                                Article article, PublicationPrior prior) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant debut = debut(article, history, today, now);
        if (debut != null) {
            return againstPrior(window, current, prior, article, debut, now);
        }
        List<LocalDate> days = baselineDays(window, today);
        int first = 0;
        while (first < days.size() && (!history.containsKey(days.get(first)) || history.get(days.get(first)).reads() == 0)) {
            first++;
        }
        int firstHour = first < days.size() ? firstReadHour(history.get(days.get(first))) : 24;
        int observedHours = (days.size() - first) * 24 - firstHour;
        int needed = window == DecayWindow.ONE_DAY ? MIN_OWN_HOURS : MIN_OBSERVED_HOURS;
        if (observedHours < needed) {
            return window == DecayWindow.ONE_HOUR ? againstOwnHours(current, history.get(today.minusDays(1)), article, now)
                    : notJudged(current, BaselineKind.OWN_HISTORY, "less than a day of its own history");
        }
        List<ReadsBaseline> span = new ArrayList<>();
        for (LocalDate day : days.subList(first, days.size())) {
            span.add(history.get(day));
        }
        double ratePerSecond;
        double swingPerSecond;
        int daysCompared = span.size();
        int hourOfDay = now.atZone(ZoneOffset.UTC).getHour();
        if (window == DecayWindow.ONE_HOUR) {
            // The current and the previous hour: a half-hour half-life reaches back that far.
            int previousHour = (hourOfDay + 23) % 24;
            List<Double> sameHours = new ArrayList<>();
            for (int i = 0; i < span.size(); i++) {
                int from = i == 0 ? firstHour : 0;
                ReadsBaseline day = span.get(i);
                if (hourOfDay < from) {
                    continue;
                }
                long reads = day == null ? 0 : day.hourlyReads(hourOfDay);
                if (previousHour >= from && previousHour < hourOfDay && day != null) {
                    reads = Math.max(reads, day.hourlyReads(previousHour));
                }
                sameHours.add((double) reads);
            }
            double sum = sameHours.stream().mapToDouble(Double::doubleValue).sum();
            ratePerSecond = (sum + 1) / sameHours.size() / SECONDS_PER_HOUR;
            daysCompared = sameHours.size();
            swingPerSecond = standardDeviation(sameHours) / SECONDS_PER_HOUR;
        } else {
            double reads = 0;
            double[] dailyRates = new double[span.size()];
            double[] weights = new double[span.size()];
            for (int i = 0; i < span.size(); i++) {
                int hours = i == 0 ? 24 - firstHour : 24;
                long dayReads = span.get(i) == null ? 0 : span.get(i).reads();
                reads += dayReads;
                dailyRates[i] = dayReads * 24.0 / hours;
                weights[i] = hours;
            }
            ratePerSecond = Math.max(FLOOR_READS_PER_DAY, reads * 24 / observedHours) / SECONDS_PER_DAY;
            swingPerSecond = weightedStandardDeviation(dailyRates, weights) / SECONDS_PER_DAY;
        }
        double lambda = window.lambdaPerSecond();
        Verdict verdict = verdict(current, ratePerSecond / lambda, swingPerSecond / lambda, ratePerSecond * SECONDS_PER_DAY, null);
        return named(verdict, BaselineKind.OWN_HISTORY, ownHistoryText(window, hourOfDay, daysCompared, verdict.baselineReadsPerDay()));
    }

    /**
     * The article's debut if it is a new article for the prior: read for the first time less than
     * {@link #NEW_FOR} ago, after the first hour of yesterday, with no reads on the days before, on a
     * site that was counting {@link #SITE_COUNTING_BEFORE_DEBUT} before it. Its trusted publication
     * time may move the debut earlier, never later. Null otherwise.
     */
    static Instant debut(Article article, Map<LocalDate, ReadsBaseline> history, LocalDate today, Instant now) {
        Instant firstRead = article.firstRead();
        Instant yesterday = today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (firstRead == null || !firstRead.isAfter(yesterday)) {
            return null;
        }
        for (LocalDate day : history.keySet()) {
            if (day.isBefore(today.minusDays(1)) && history.get(day).reads() > 0) {
                return null;
            }
        }
        Instant debut = article.published() != null && article.published().isBefore(firstRead) ? article.published() : firstRead;
        if (!debut.isAfter(now.minus(NEW_FOR))) {
            return null;
        }
        Instant siteSince = article.siteCountingSince();
        if (siteSince != null && siteSince.isAfter(firstRead.minus(SITE_COUNTING_BEFORE_DEBUT))) {
            return null;
        }
        return debut;
    }

    private static Verdict againstPrior(DecayWindow window, double current, PublicationPrior prior, Article article, Instant debut, Instant now) {
        double ageHours = Duration.between(debut, now).toMillis() / 3_600_000.0;
        Optional<PublicationPrior.Expectation> expectation = prior.expectation(window, article.sectionSlug(), ageHours);
        if (expectation.isEmpty()) {
            return notJudged(current, BaselineKind.PUBLICATION_PRIOR, "too few new articles on this site yet to know a typical one");
        }
        double expected = expectation.get().expected();
        String whose = expectation.get().fromSection() && article.sectionName() != null
                ? "a typical " + article.sectionName() + " story" : "a typical story on this site";
        int hours = (int) Math.floor(ageHours);
        String age = hours == 0 ? "in its first hour after publication" : hours + (hours == 1 ? " hour" : " hours") + " after publication";
        Verdict verdict = verdict(current, expected, 0, expected * window.lambdaPerSecond() * SECONDS_PER_DAY, null);
        return named(verdict, BaselineKind.PUBLICATION_PRIOR, whose + " " + age);
    }

    /**
     * On a new site: its complete hours of yesterday and today since its first read, before the
     * last two (the surge itself), at least {@value #MIN_OWN_HOURS}.
     */
    private static Verdict againstOwnHours(double current, ReadsBaseline yesterday, Article article, Instant now) {
        long[] hours = new long[48];
        if (yesterday != null) {
            System.arraycopy(yesterday.hourlyReads(), 0, hours, 0, 24);
        }
        System.arraycopy(article.todayHours(), 0, hours, 24, 24);
        int currentHour = 24 + now.atZone(ZoneOffset.UTC).getHour();
        int first = 0;
        while (first < currentHour && hours[first] == 0) {
            first++;
        }
        int last = currentHour - 3;
        int count = last - first + 1;
        if (count < MIN_OWN_HOURS) {
            return notJudged(current, BaselineKind.OWN_HOURS_TODAY, "fewer than " + MIN_OWN_HOURS + " of its own hours to compare with");
        }
        List<Double> own = new ArrayList<>();
        double sum = 0;
        for (int hour = first; hour <= last; hour++) {
            own.add((double) hours[hour]);
            sum += hours[hour];
        }
        double ratePerSecond = (sum + 1) / count / SECONDS_PER_HOUR;
        double lambda = DecayWindow.ONE_HOUR.lambdaPerSecond();
        Verdict verdict = verdict(current, ratePerSecond / lambda, standardDeviation(own) / SECONDS_PER_HOUR / lambda,
                ratePerSecond * SECONDS_PER_DAY, null);
        return named(verdict, BaselineKind.OWN_HOURS_TODAY, "its own hours so far (" + count + " hours since its first read)");
    }

    private static Verdict verdict(double current, double expected, double swingOfExpected, double baselinePerDay, Baseline baseline) {
        double growth = current / expected;
        double significance = significance(current, expected);
        double swing = (current - expected) / Math.sqrt(expected / 2 + swingOfExpected * swingOfExpected);
        boolean rising = growth >= MIN_GROWTH && significance >= MIN_SIGNIFICANCE && swing >= MIN_SWING;
        return new Verdict(rising, current, expected, growth, significance, swing, baselinePerDay, baseline);
    }

    /** A verdict that could not be reached: not rising, with the reason as its baseline's text. */
    private static Verdict notJudged(double current, BaselineKind kind, String why) {
        return new Verdict(false, current, 0, 0, 0, 0, 0, new Baseline(kind, "not judged: " + why));
    }

    private static Verdict named(Verdict verdict, BaselineKind kind, String baseline) {
        return new Verdict(verdict.rising(), verdict.current(), verdict.expected(), verdict.growth(), verdict.significance(),
                verdict.swing(), verdict.baselineReadsPerDay(), new Baseline(kind, times(verdict.growth()) + " " + baseline));
    }

    /** The growth as the trending API shows it (two decimals at most), then "×". */
    static String times(double growth) {
        double rounded = Math.round(growth * 100) / 100.0;
        return BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString() + "×";
    }

    /**
     * "its usual 10:00–11:00 UTC (that hour on the 7 days before)", "its usual day (120 reads a day
     * over the 7 days before)", "last week (40 reads a day in the week before last)".
     */
    private static String ownHistoryText(DecayWindow window, int hourOfDay, int days, double readsPerDay) {
        String dayCount = days == 1 ? "the day before" : "the " + days + " days before";
        return switch (window) {
            case ONE_HOUR -> String.format(Locale.ROOT, "its usual %02d:00–%02d:00 UTC (that hour on %s)",
                    hourOfDay, (hourOfDay + 1) % 24, dayCount);
            case ONE_DAY -> String.format(Locale.ROOT, "its usual day (%s reads a day over %s)", whole(readsPerDay), dayCount);
            case ONE_WEEK -> String.format(Locale.ROOT, "last week (%s reads a day in the week before last)", whole(readsPerDay));
        };
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** The first hour of a day with reads; 24 if none. */
    private static int firstReadHour(ReadsBaseline day) {
        int hour = 0;
        while (hour < 24 && day.hourlyReads(hour) == 0) {
            hour++;
        }
        // A day item with reads but no hour recorded (written before hours were kept) counts whole.
        return hour == 24 && day.reads() > 0 ? 0 : hour;
    }

    /**
     * Could this article be rising at all? With the baseline at one read a day, the growth and the
     * significance are as high as any baseline but a new article's prior makes them: if they fall
     * short, no baseline read would change that (a new article this quiet is not worth listing).
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

    private static double standardDeviation(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] weights = new double[array.length];
        Arrays.fill(weights, 1);
        return weightedStandardDeviation(array, weights);
    }

    private static double weightedStandardDeviation(double[] values, double[] weights) {
        if (values.length < 2) {
            return 0;
        }
        double total = 0;
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            total += weights[i];
            sum += weights[i] * values[i];
        }
        double mean = sum / total;
        double squares = 0;
        for (int i = 0; i < values.length; i++) {
            squares += weights[i] * (values[i] - mean) * (values[i] - mean);
        }
        return Math.sqrt(squares / total);
    }
}
