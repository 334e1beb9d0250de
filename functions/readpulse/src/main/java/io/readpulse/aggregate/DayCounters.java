package io.readpulse.aggregate;

import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one counter item (an article, a section or a whole site, on one UTC day). The same
 * type serves as a batch's delta and as the stored state, so applying a batch is {@link #add}.
 */
public final class DayCounters {
    public static final String OTHER_HOSTS = "~other";
    static final int HOURS = 24;

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
    /** Forward-decayed sums per {@link DecayWindow}, relative to the start of the item's day. */
    final double[] decayedReads = new double[DecayWindow.values().length];
    final double[] decayedShares = new double[DecayWindow.values().length];
    final double[] decayedEngagedSeconds = new double[DecayWindow.values().length];
    HyperLogLog visitors;
    /** Article items only: the latest claim the page made about itself (a URL at least), and its section's slug. */
    ArticleMeta meta;
    String sectionSlug;

    public DayCounters(int sketchPrecision) {
        this.visitors = new HyperLogLog(sketchPrecision);
    }

    /** Adds a batch's delta (or any other counts) into these. The page's claim: the newer wins, but a URL alone keeps the title. */
    public void add(DayCounters delta) {
        views += delta.views;
        reads += delta.reads;
        bots += delta.bots;
        engagedSeconds += delta.engagedSeconds;
        engagePings += delta.engagePings;
        delta.shares.forEach((network, count) -> shares.merge(network, count, Long::sum));
        delta.referrerClasses.forEach((name, count) -> referrerClasses.merge(name, count, Long::sum));
        delta.referrerHosts.forEach((host, count) -> referrerHosts.merge(host, count, Long::sum));
        for (int hour = 0; hour < HOURS; hour++) {
            hourlyViews[hour] += delta.hourlyViews[hour];
            hourlyReads[hour] += delta.hourlyReads[hour];
            hourlyEngagedSeconds[hour] += delta.hourlyEngagedSeconds[hour];
            hourlyShares[hour] += delta.hourlyShares[hour];
        }
        for (int w = 0; w < decayedReads.length; w++) {
            decayedReads[w] += delta.decayedReads[w];
            decayedShares[w] += delta.decayedShares[w];
            decayedEngagedSeconds[w] += delta.decayedEngagedSeconds[w];
        }
        visitors.merge(delta.visitors);
        meta = newerClaim(meta, delta.meta);
        if (delta.sectionSlug != null) {
            sectionSlug = delta.sectionSlug;
        }
    }

    private static ArticleMeta newerClaim(ArticleMeta current, ArticleMeta newer) {
        if (newer == null) {
            return current;
        }
        if (newer.title() != null || current == null || current.title() == null) {
            return newer;
        }
        return new ArticleMeta(current.id(), newer.url(), current.title(), current.section(), current.publishedAt(), current.image());
    }

    /**
     * Starts a new day from the previous day's item: decayed scores carry over, scaled to the new
     * day's epoch, and so does the metadata. Counts start again from zero.
     */
    public void carryOverFrom(DayCounters previousDay) {
        carryScoresFrom(previousDay);
        if (meta == null) {
            meta = previousDay.meta;
        }
        if (sectionSlug == null) {
            sectionSlug = previousDay.sectionSlug;
        }
    }

    /** Adds the previous day's decayed scores, re-based to this day's epoch. */
    public void carryScoresFrom(DayCounters previousDay) {
        for (DecayWindow window : DecayWindow.values()) {
            double scale = 1 / window.growth(86_400);
            int w = window.ordinal();
            decayedReads[w] += previousDay.decayedReads[w] * scale;
            decayedShares[w] += previousDay.decayedShares[w] * scale;
            decayedEngagedSeconds[w] += previousDay.decayedEngagedSeconds[w] * scale;
        }
    }

    /** Keeps the {@code cap} biggest referring hosts by name and folds the rest into {@value #OTHER_HOSTS}. */
    public void capReferrerHosts(int cap) {
        if (referrerHosts.size() <= cap) {
            return;
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(referrerHosts.entrySet());
        entries.removeIf(entry -> entry.getKey().equals(OTHER_HOSTS));
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        long other = referrerHosts.getOrDefault(OTHER_HOSTS, 0L);
        for (int i = cap - 1; i < entries.size(); i++) {
            other += entries.get(i).getValue();
        }
        referrerHosts.clear();
        for (int i = 0; i < Math.min(cap - 1, entries.size()); i++) {
            referrerHosts.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        referrerHosts.put(OTHER_HOSTS, other);
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
    public long[] hourlyViews() { return hourlyViews; }
    public long[] hourlyReads() { return hourlyReads; }
    public long[] hourlyEngagedSeconds() { return hourlyEngagedSeconds; }
    public long[] hourlyShares() { return hourlyShares; }
    public double decayedReads(DecayWindow window) { return decayedReads[window.ordinal()]; }
    public double decayedShares(DecayWindow window) { return decayedShares[window.ordinal()]; }
    public double decayedEngagedSeconds(DecayWindow window) { return decayedEngagedSeconds[window.ordinal()]; }
    public HyperLogLog visitors() { return visitors; }
    public ArticleMeta meta() { return meta; }
    public String sectionSlug() { return sectionSlug; }

    // Setters for the storage mapper, which rebuilds stored state field by field.
    public void setViews(long value) { views = value; }
    public void setReads(long value) { reads = value; }
    public void setBots(long value) { bots = value; }
    public void setEngagedSeconds(long value) { engagedSeconds = value; }
    public void setEngagePings(long value) { engagePings = value; }
    public void setDecayedReads(DecayWindow window, double value) { decayedReads[window.ordinal()] = value; }
    public void setDecayedShares(DecayWindow window, double value) { decayedShares[window.ordinal()] = value; }
    public void setDecayedEngagedSeconds(DecayWindow window, double value) { decayedEngagedSeconds[window.ordinal()] = value; }
    public void setVisitors(HyperLogLog sketch) { visitors = sketch; }
    public void setMeta(ArticleMeta value) { meta = value; }
    public void setSectionSlug(String value) { sectionSlug = value; }
}
