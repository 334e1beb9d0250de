package io.readpulse.trending;

import io.readpulse.aggregate.RankingInputs;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What ranking knows of one article at one moment ({@link #asOf()}): its decayed reads, shares and
 * engaged seconds per window as present values, already scaled by its flood factor, and the counts
 * that explain them. Without new reads every present value decays at its window's rate, so a
 * snapshot is brought forward in time with {@link #agedTo} instead of being read again.
 *
 * <p>Flood guard: the collector counts a visitor's views of an article once a day per function
 * instance, and the aggregator once per stream batch, so a visitor who reloads a page a thousand
 * times across many instances still adds a read per instance. Here a day's reads are held to
 * {@value #READS_PER_VISITOR} per unique visitor of that day (from the article's sketch): that
 * visitor ends up counting about once. A visitor is an address and one of a few browser classes
 * (see {@code VisitorKeys}), so one address that rotates user agents is a handful of visitors, and
 * the 10 % margin over one read per visitor, which covers the sketch's error, is all the headroom
 * such a client finds: less than a few genuine readers' worth on any article.
 */
public final class ArticleSignals {
    static final double READS_PER_VISITOR = 1.1;
    private static final int WINDOWS = DecayWindow.values().length;
    private static final long[] NO_HOURS = new long[24];

    private final String articleId;
    private final ArticleMeta claim;
    private final String sectionSlug;
    private final double[] reads;
    private final double[] shares;
    private final double[] engagedSeconds;
    private final long recentReads;
    private final long visitors;
    private final double floodFactor;
    private final long previousDayReads;
    private final LocalDate latestDay;
    private final Instant firstRead;
    private final long[] todayHours;
    private final Instant asOf;

    private ArticleSignals(String articleId, ArticleMeta claim, String sectionSlug, double[] reads, double[] shares, double[] engagedSeconds,
                           long recentReads, long visitors, double floodFactor, long previousDayReads, LocalDate latestDay,
                           Instant firstRead, long[] todayHours, Instant asOf) {
        this.articleId = articleId;
        this.claim = claim;
        this.sectionSlug = sectionSlug;
        this.reads = reads;
        this.shares = shares;
        this.engagedSeconds = engagedSeconds;
        this.recentReads = recentReads;
        this.visitors = visitors;
        this.floodFactor = floodFactor;
        this.previousDayReads = previousDayReads;
        this.latestDay = latestDay;
        this.firstRead = firstRead;
        this.todayHours = todayHours;
        this.asOf = asOf;
    }

    /**
     * Today's counter item already carries yesterday's decayed sums (the aggregator carries them over
     * when it creates the item), so it is used where it exists; else yesterday's, re-based to now.
     *
     * @param today the article's counters of {@code day}, or null
     * @param yesterday its counters of the day before, or null; not both null
     */
    public static ArticleSignals of(String articleId, RankingInputs today, RankingInputs yesterday, LocalDate day, Instant now) {
        RankingInputs latest = today != null ? today : yesterday;
        RankingInputs other = today != null ? yesterday : null;
        LocalDate latestDay = today != null ? day : day.minusDays(1);
        double seconds = (now.toEpochMilli() - latestDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()) / 1000.0;
        long visitors = latest.visitors();
        double floodFactor = latest.reads() == 0 ? 1 : Math.min(1, READS_PER_VISITOR * Math.max(1, visitors) / latest.reads());
        double[] reads = new double[WINDOWS];
        double[] shares = new double[WINDOWS];
        double[] engagedSeconds = new double[WINDOWS];
        for (DecayWindow window : DecayWindow.values()) {
            int w = window.ordinal();
            reads[w] = floodFactor * window.decayedValue(latest.decayedReads(window), seconds);
            shares[w] = floodFactor * window.decayedValue(latest.decayedShares(window), seconds);
            engagedSeconds[w] = floodFactor * window.decayedValue(latest.decayedEngagedSeconds(window), seconds);
        }
        ArticleMeta claim = latest.meta() != null || other == null ? latest.meta() : other.meta();
        String section = latest.sectionSlug() != null || other == null ? latest.sectionSlug() : other.sectionSlug();
        long[] todayHours = NO_HOURS;
        if (today != null) {
            todayHours = new long[24];
            for (int hour = 0; hour < 24; hour++) {
                todayHours[hour] = today.hourlyReads(hour);
            }
        }
        Instant firstRead = firstReadHour(yesterday, day.minusDays(1));
        if (firstRead == null) {
            firstRead = firstReadHour(today, day);
        }
        return new ArticleSignals(articleId, claim, section, reads, shares, engagedSeconds, latest.reads(), visitors, floodFactor,
                other == null ? 0 : other.reads(), latestDay, firstRead, todayHours, now);
    }

    /** The start of the first hour with reads in one day's item, or null. */
    private static Instant firstReadHour(RankingInputs counts, LocalDate day) {
        if (counts == null) {
            return null;
        }
        for (int hour = 0; hour < 24; hour++) {
            if (counts.hourlyReads(hour) > 0) {
                return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3_600L);
            }
        }
        return null;
    }

    /** The same signals at a later moment, with no reads in between: every value decays at its window's rate. */
    public ArticleSignals agedTo(Instant later) {
        if (later.equals(asOf)) {
            return this;
        }
        double seconds = Duration.between(asOf, later).toMillis() / 1000.0;
        double[] agedReads = new double[WINDOWS];
        double[] agedShares = new double[WINDOWS];
        double[] agedEngaged = new double[WINDOWS];
        for (DecayWindow window : DecayWindow.values()) {
            int w = window.ordinal();
            double decay = 1 / window.growth(seconds);
            agedReads[w] = reads[w] * decay;
            agedShares[w] = shares[w] * decay;
            agedEngaged[w] = engagedSeconds[w] * decay;
        }
        return new ArticleSignals(articleId, claim, sectionSlug, agedReads, agedShares, agedEngaged, recentReads, visitors,
                floodFactor, previousDayReads, latestDay, firstRead, todayHours, later);
    }

    /**
     * These signals, read from one day's item alone, completed with what an earlier reading of the
     * same article knew: the previous day's reads, and the page's claim if this day's item has none.
     */
    public ArticleSignals withEarlierKnowledge(ArticleSignals earlier) {
        long previous = earlier.latestDay.equals(latestDay) ? earlier.previousDayReads
                : earlier.latestDay.equals(latestDay.minusDays(1)) ? earlier.recentReads : previousDayReads;
        return new ArticleSignals(articleId, claim != null && claim.url() != null ? claim : earlier.claim,
                sectionSlug != null ? sectionSlug : earlier.sectionSlug,
                reads, shares, engagedSeconds, recentReads, visitors, floodFactor, Math.max(previousDayReads, previous), latestDay,
                earlier.firstRead != null && (firstRead == null || earlier.firstRead.isBefore(firstRead)) ? earlier.firstRead : firstRead,
                todayHours, asOf);
    }

    public String articleId() { return articleId; }
    /**
     * What browsers last said of the article (its URL at least), or null. A claim: it says where to
     * read the article's page and, until then, which section it may belong to; it is never shown.
     */
    public ArticleMeta claim() { return claim; }
    /** The section a browser named; lists use the section the article's own page gives. */
    public String sectionSlug() { return sectionSlug; }
    /** Decayed reads at {@link #asOf()}, flood factor applied. */
    public double reads(DecayWindow window) { return reads[window.ordinal()]; }
    public double shares(DecayWindow window) { return shares[window.ordinal()]; }
    public double engagedSeconds(DecayWindow window) { return engagedSeconds[window.ordinal()]; }
    /** Reads counted on the article's latest day (today, or yesterday if it has none today), before the flood factor. */
    public long recentReads() { return recentReads; }
    /** Unique visitors of that day, estimated from the article's sketch. */
    public long visitors() { return visitors; }
    /** 1 for ordinary traffic; below 1 when reads outnumber {@value #READS_PER_VISITOR} per unique visitor. */
    public double floodFactor() { return floodFactor; }
    /** Reads of the day before the latest, where that day's counters were at hand; else 0. */
    public long previousDayReads() { return previousDayReads; }
    public Instant asOf() { return asOf; }
    /** The start of its first hour with reads in the items read of yesterday and today, or null. */
    public Instant firstRead() { return firstRead; }
    /** Its reads by UTC hour today (zeros if it has no item today); not to be changed. */
    long[] todayHours() { return todayHours; }

    /** Bot traffic alone never puts an article in a list: it needs a human read. */
    public boolean hasReaders() {
        if (recentReads > 0) {
            return true;
        }
        for (double value : reads) {
            if (value > 0) {
                return true;
            }
        }
        return false;
    }

    /** An article with no counters at hand (pinned by an editor, not read today or yesterday): zero in every window. */
    public static ArticleSignals none(String articleId, LocalDate day, Instant now) {
        return new ArticleSignals(articleId, null, null, new double[WINDOWS], new double[WINDOWS], new double[WINDOWS],
                0, 0, 1, 0, day, null, NO_HOURS, now);
    }
}
