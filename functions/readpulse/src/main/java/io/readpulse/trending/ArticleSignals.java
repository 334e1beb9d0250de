package io.readpulse.trending;

import io.readpulse.aggregate.DayCounters;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What ranking knows of one article at one moment: its decayed reads, shares and engaged seconds per
 * window as present values, already scaled by its flood factor, and the counts that explain them.
 *
 * <p>Flood guard: the collector and the aggregator count a visitor's repeated views of an article
 * once per function instance and per stream batch, so a visitor who reloads a page a thousand times
 * still adds a read per instance and per batch. Here reads are held to {@value #READS_PER_VISITOR}
 * per unique visitor (from the article's sketch, over today and yesterday): that visitor ends up
 * counting about once, while ordinary traffic (a read or two per reader) is left untouched.
 */
public final class ArticleSignals {
    static final double READS_PER_VISITOR = 1.5;
    private static final int WINDOWS = DecayWindow.values().length;

    private final String articleId;
    private final ArticleMeta meta;
    private final String sectionSlug;
    private final double[] reads = new double[WINDOWS];
    private final double[] shares = new double[WINDOWS];
    private final double[] engagedSeconds = new double[WINDOWS];
    private final long recentReads;
    private final long visitors;
    private final double floodFactor;
    private final DayCounters yesterday;

    private ArticleSignals(String articleId, DayCounters latest, DayCounters yesterday, double secondsSinceLatestEpoch,
                           long recentReads, long visitors) {
        this.articleId = articleId;
        this.meta = latest.meta() != null ? latest.meta() : yesterday == null ? null : yesterday.meta();
        this.sectionSlug = latest.sectionSlug() != null ? latest.sectionSlug() : yesterday == null ? null : yesterday.sectionSlug();
        this.recentReads = recentReads;
        this.visitors = visitors;
        this.floodFactor = recentReads == 0 ? 1 : Math.min(1, READS_PER_VISITOR * Math.max(1, visitors) / recentReads);
        this.yesterday = yesterday;
        for (DecayWindow window : DecayWindow.values()) {
            int w = window.ordinal();
            reads[w] = floodFactor * window.decayedValue(latest.decayedReads(window), secondsSinceLatestEpoch);
            shares[w] = floodFactor * window.decayedValue(latest.decayedShares(window), secondsSinceLatestEpoch);
            engagedSeconds[w] = floodFactor * window.decayedValue(latest.decayedEngagedSeconds(window), secondsSinceLatestEpoch);
        }
    }

    /**
     * Today's counter item already carries yesterday's decayed sums (the aggregator carries them over
     * when it creates the item), so it is used where it exists; else yesterday's, re-based to now.
     *
     * @param today the article's counters of {@code day}, or null
     * @param yesterday its counters of the day before, or null; not both null
     */
    public static ArticleSignals of(String articleId, DayCounters today, DayCounters yesterday, LocalDate day, Instant now) {
        DayCounters latest = today != null ? today : yesterday;
        LocalDate latestDay = today != null ? day : day.minusDays(1);
        double seconds = (now.toEpochMilli() - latestDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()) / 1000.0;
        long recentReads = (today == null ? 0 : today.reads()) + (yesterday == null ? 0 : yesterday.reads());
        return new ArticleSignals(articleId, latest, yesterday, seconds, recentReads, uniqueVisitors(today, yesterday));
    }

    private static long uniqueVisitors(DayCounters today, DayCounters yesterday) {
        if (today == null || yesterday == null) {
            return (today != null ? today : yesterday).visitors().estimate();
        }
        HyperLogLog union = new HyperLogLog(today.visitors().precision());
        union.merge(today.visitors());
        union.merge(yesterday.visitors());
        return union.estimate();
    }

    public String articleId() { return articleId; }
    /** The latest metadata the article's page reported, or null if it never sent a view. */
    public ArticleMeta meta() { return meta; }
    public String sectionSlug() { return sectionSlug; }
    /** Decayed reads at this moment, flood factor applied. */
    public double reads(DecayWindow window) { return reads[window.ordinal()]; }
    public double shares(DecayWindow window) { return shares[window.ordinal()]; }
    public double engagedSeconds(DecayWindow window) { return engagedSeconds[window.ordinal()]; }
    /** Reads counted today and yesterday, before the flood factor. */
    public long recentReads() { return recentReads; }
    /** Unique visitors of today and yesterday, estimated from the article's sketches. */
    public long visitors() { return visitors; }
    /** 1 for ordinary traffic; below 1 when reads outnumber {@value #READS_PER_VISITOR} per unique visitor. */
    public double floodFactor() { return floodFactor; }
    /** Yesterday's counters (reads and hourly reads are what the rising baseline uses), or null. */
    public DayCounters yesterday() { return yesterday; }

    /** An article can be listed only once a page view has told us its title and URL. */
    public boolean listable() {
        return meta != null && meta.title() != null && meta.url() != null;
    }
}
