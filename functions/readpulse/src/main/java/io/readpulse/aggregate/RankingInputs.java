package io.readpulse.aggregate;

import io.readpulse.model.ArticleMeta;

/**
 * What ranking reads of one article's day, and nothing else: reads, hourly reads, the decayed sums,
 * the unique visitors (estimated from the item's sketch), the section and the page's claim.
 */
public final class RankingInputs {
    private final long reads;
    private final long[] hourlyReads;
    private final double[] decayedReads;
    private final double[] decayedShares;
    private final double[] decayedEngagedSeconds;
    private final long visitors;
    private final String sectionSlug;
    private final ArticleMeta meta;

    /** The arrays are copied: hourly reads by UTC hour, decayed sums by {@link DecayWindow} ordinal. */
    public RankingInputs(long reads, long[] hourlyReads, double[] decayedReads, double[] decayedShares, double[] decayedEngagedSeconds,
                         long visitors, String sectionSlug, ArticleMeta meta) {
        this.reads = reads;
        this.hourlyReads = hourlyReads.clone();
        this.decayedReads = decayedReads.clone();
        this.decayedShares = decayedShares.clone();
        this.decayedEngagedSeconds = decayedEngagedSeconds.clone();
        this.visitors = visitors;
        this.sectionSlug = sectionSlug;
        this.meta = meta;
    }

    public long reads() { return reads; }
    public long hourlyReads(int hour) { return hourlyReads[hour]; }
    public double decayedReads(DecayWindow window) { return decayedReads[window.ordinal()]; }
    public double decayedShares(DecayWindow window) { return decayedShares[window.ordinal()]; }
    public double decayedEngagedSeconds(DecayWindow window) { return decayedEngagedSeconds[window.ordinal()]; }
    /** Unique visitors of the day, estimated from the item's sketch. */
    public long visitors() { return visitors; }
    public String sectionSlug() { return sectionSlug; }
    /** The page's latest claim about the article (its URL at least), or null. */
    public ArticleMeta meta() { return meta; }
}
