package io.readpulse.aggregate;

import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one counter item (an article, a section or a whole site, on one UTC day), as a
 * batch adds them ({@link CounterDelta}) or as an item holds them ({@link CounterState}). Immutable:
 * they are built with a {@link Builder}, which hands its contents over and cannot be used again.
 */
public abstract sealed class DayCounts permits CounterDelta, CounterState {
    /** The referring hosts beyond an item's cap, summed under one name. */
    public static final String OTHER_HOSTS = "~other";
    static final int HOURS = 24;
    static final int WINDOWS = DecayWindow.values().length;

    final long views;
    final long reads;
    final long bots;
    final long engagedSeconds;
    final long engagePings;
    final Map<String, Long> shares;
    final Map<String, Long> referrerClasses;
    final Map<String, Long> referrerHosts;
    final long[] hourlyViews;
    final long[] hourlyReads;
    final long[] hourlyEngagedSeconds;
    final long[] hourlyShares;
    /** Forward-decayed sums per {@link DecayWindow}, relative to the start of the item's day. */
    final double[] decayedReads;
    final double[] decayedShares;
    final double[] decayedEngagedSeconds;
    /** Never changed once built: read through {@link #visitors()}, which copies it. */
    final HyperLogLog visitors;
    /** Article items only: the page's claim about itself (a URL at least), and its section's slug. */
    final ArticleMeta meta;
    final String sectionSlug;
    /** Read-through, and the campaigns', devices' and countries' counts: see {@link Dimensions}. */
    final Dimensions dimensions;

    DayCounts(Builder built) {
        built.close();
        views = built.views;
        reads = built.reads;
        bots = built.bots;
        engagedSeconds = built.engagedSeconds;
        engagePings = built.engagePings;
        shares = Collections.unmodifiableMap(built.shares);
        referrerClasses = Collections.unmodifiableMap(built.referrerClasses);
        referrerHosts = Collections.unmodifiableMap(built.referrerHosts);
        hourlyViews = built.hourlyViews;
        hourlyReads = built.hourlyReads;
        hourlyEngagedSeconds = built.hourlyEngagedSeconds;
        hourlyShares = built.hourlyShares;
        decayedReads = built.decayedReads;
        decayedShares = built.decayedShares;
        decayedEngagedSeconds = built.decayedEngagedSeconds;
        visitors = built.visitors;
        meta = built.meta;
        sectionSlug = built.sectionSlug;
        dimensions = built.dimensions;
    }

    public long views() { return views; }
    public long reads() { return reads; }
    public long bots() { return bots; }
    public long engagedSeconds() { return engagedSeconds; }
    public long engagePings() { return engagePings; }
    public Map<String, Long> shares() { return shares; }
    public long totalShares() { return shares.values().stream().mapToLong(Long::longValue).sum(); }
    public Map<String, Long> referrerClasses() { return referrerClasses; }
    public Map<String, Long> referrerHosts() { return referrerHosts; }
    public long hourlyViews(int hour) { return hourlyViews[hour]; }
    public long hourlyReads(int hour) { return hourlyReads[hour]; }
    public long hourlyEngagedSeconds(int hour) { return hourlyEngagedSeconds[hour]; }
    public long hourlyShares(int hour) { return hourlyShares[hour]; }
    /** A copy of the 24 hours' views. */
    public long[] hourlyViews() { return hourlyViews.clone(); }
    public long[] hourlyReads() { return hourlyReads.clone(); }
    public long[] hourlyEngagedSeconds() { return hourlyEngagedSeconds.clone(); }
    public long[] hourlyShares() { return hourlyShares.clone(); }
    public double decayedReads(DecayWindow window) { return decayedReads[window.ordinal()]; }
    public double decayedShares(DecayWindow window) { return decayedShares[window.ordinal()]; }
    public double decayedEngagedSeconds(DecayWindow window) { return decayedEngagedSeconds[window.ordinal()]; }
    /** A copy of the unique-visitor sketch. */
    public HyperLogLog visitors() { return copy(visitors); }
    public int sketchPrecision() { return visitors.precision(); }
    public ArticleMeta meta() { return meta; }
    public String sectionSlug() { return sectionSlug; }
    public Dimensions dimensions() { return dimensions; }

    static HyperLogLog copy(HyperLogLog sketch) {
        return HyperLogLog.fromBytes(sketch.toBytes());
    }

    /**
     * Counts being put together: by the aggregator while it folds a batch, by the rules while they
     * merge, and by a store while it reads an item. {@link #buildState()} or {@link #buildDelta()}
     * hands them over; the builder cannot be used after that.
     */
    public static final class Builder {
        long views;
        long reads;
        long bots;
        long engagedSeconds;
        long engagePings;
        final Map<String, Long> shares = new TreeMap<>();
        final Map<String, Long> referrerClasses = new TreeMap<>();
        final Map<String, Long> referrerHosts = new HashMap<>();
        final long[] hourlyViews = new long[HOURS];
        final long[] hourlyReads = new long[HOURS];
        final long[] hourlyEngagedSeconds = new long[HOURS];
        final long[] hourlyShares = new long[HOURS];
        final double[] decayedReads = new double[WINDOWS];
        final double[] decayedShares = new double[WINDOWS];
        final double[] decayedEngagedSeconds = new double[WINDOWS];
        HyperLogLog visitors;
        ArticleMeta meta;
        String sectionSlug;
        Dimensions dimensions = Dimensions.NONE;
        private boolean closed;

        public Builder(int sketchPrecision) {
            visitors = new HyperLogLog(sketchPrecision);
        }

        /** A builder holding a copy of {@code counts}, meta and section included. */
        static Builder copyOf(DayCounts counts) {
            Builder copy = new Builder(counts.visitors.precision());
            copy.add(counts);
            copy.meta = counts.meta;
            copy.sectionSlug = counts.sectionSlug;
            return copy;
        }

        public Builder views(long value) { open(); views = value; return this; }
        public Builder reads(long value) { open(); reads = value; return this; }
        public Builder bots(long value) { open(); bots = value; return this; }
        public Builder engagedSeconds(long value) { open(); engagedSeconds = value; return this; }
        public Builder engagePings(long value) { open(); engagePings = value; return this; }
        public Builder share(String network, long count) { open(); shares.put(network, count); return this; }
        public Builder referrerClass(String name, long count) { open(); referrerClasses.put(name, count); return this; }
        public Builder referrerHost(String host, long count) { open(); referrerHosts.put(host, count); return this; }
        public Builder hourlyViews(int hour, long value) { open(); hourlyViews[hour] = value; return this; }
        public Builder hourlyReads(int hour, long value) { open(); hourlyReads[hour] = value; return this; }
        public Builder hourlyEngagedSeconds(int hour, long value) { open(); hourlyEngagedSeconds[hour] = value; return this; }
        public Builder hourlyShares(int hour, long value) { open(); hourlyShares[hour] = value; return this; }
        public Builder decayedReads(DecayWindow window, double value) { open(); decayedReads[window.ordinal()] = value; return this; }
        public Builder decayedShares(DecayWindow window, double value) { open(); decayedShares[window.ordinal()] = value; return this; }
        public Builder decayedEngagedSeconds(DecayWindow window, double value) { open(); decayedEngagedSeconds[window.ordinal()] = value; return this; }
        public Builder visitors(HyperLogLog sketch) { open(); visitors = sketch; return this; }
        public Builder meta(ArticleMeta value) { open(); meta = value; return this; }
        public Builder sectionSlug(String value) { open(); sectionSlug = value; return this; }
        public Builder dimensions(Dimensions value) { open(); dimensions = value; return this; }

        /** Adds every count of {@code other} (not its meta or section). */
        void add(DayCounts other) {
            open();
            views += other.views;
            reads += other.reads;
            bots += other.bots;
            engagedSeconds += other.engagedSeconds;
            engagePings += other.engagePings;
            other.shares.forEach((network, count) -> shares.merge(network, count, Long::sum));
            other.referrerClasses.forEach((name, count) -> referrerClasses.merge(name, count, Long::sum));
            other.referrerHosts.forEach((host, count) -> referrerHosts.merge(host, count, Long::sum));
            for (int hour = 0; hour < HOURS; hour++) {
                hourlyViews[hour] += other.hourlyViews[hour];
                hourlyReads[hour] += other.hourlyReads[hour];
                hourlyEngagedSeconds[hour] += other.hourlyEngagedSeconds[hour];
                hourlyShares[hour] += other.hourlyShares[hour];
            }
            addDecayed(other, 1);
            visitors.merge(other.visitors);
            dimensions = dimensions.plus(other.dimensions);
        }

        /** Adds the decayed sums of {@code other}, each multiplied by {@code scale}. */
        void addDecayed(DayCounts other, double scale) {
            open();
            for (int w = 0; w < WINDOWS; w++) {
                decayedReads[w] += other.decayedReads[w] * scale;
                decayedShares[w] += other.decayedShares[w] * scale;
                decayedEngagedSeconds[w] += other.decayedEngagedSeconds[w] * scale;
            }
        }

        /** Adds the decayed sums of {@code other}, re-based from its day's epoch to the next day's. */
        void addDecayedFromDayBefore(DayCounts other) {
            open();
            for (DecayWindow window : DecayWindow.values()) {
                double scale = 1 / window.growth(86_400);
                int w = window.ordinal();
                decayedReads[w] += other.decayedReads[w] * scale;
                decayedShares[w] += other.decayedShares[w] * scale;
                decayedEngagedSeconds[w] += other.decayedEngagedSeconds[w] * scale;
            }
        }

        public CounterState buildState() {
            return new CounterState(this);
        }

        public CounterDelta buildDelta() {
            return new CounterDelta(this);
        }

        void open() {
            if (closed) {
                throw new IllegalStateException("these counts were already built");
            }
        }

        private void close() {
            open();
            closed = true;
        }
    }
}
