package io.readpulse.aggregate;

import io.readpulse.model.ArticleMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What one counter item holds. Immutable: the rules that change an item ({@link #plus},
 * {@link #nextDay}, {@link #withReferrerHostsCapped}) return a new state, and a store only reads
 * and writes states.
 */
public final class CounterState extends DayCounts {

    CounterState(Builder built) {
        super(built);
    }

    /** A new item with nothing counted. */
    public static CounterState empty(int sketchPrecision) {
        return new Builder(sketchPrecision).buildState();
    }

    public static Builder builder(int sketchPrecision) {
        return new Builder(sketchPrecision);
    }

    /**
     * This state with a batch's delta added. The page's claim about its article: the newer wins,
     * but a claim with a URL alone keeps the title already known. A delta naming a section moves
     * the article there.
     */
    public CounterState plus(CounterDelta delta) {
        Builder next = Builder.copyOf(this);
        next.add(delta);
        next.meta = newerClaim(meta, delta.meta);
        if (delta.sectionSlug != null) {
            next.sectionSlug = delta.sectionSlug;
        }
        return next.buildState();
    }

    static ArticleMeta newerClaim(ArticleMeta current, ArticleMeta newer) {
        if (newer == null) {
            return current;
        }
        if (newer.title() != null || current == null || current.title() == null) {
            return newer;
        }
        return new ArticleMeta(current.id(), newer.url(), current.title(), current.section(), current.publishedAt(), current.image(),
                current.authors(), current.tags());
    }

    /**
     * The state a new item of the next day starts from: the decayed scores carry over, re-based to
     * the new day's epoch, and so do the metadata and the section. Counts start again from zero.
     */
    public CounterState nextDay() {
        Builder next = new Builder(visitors.precision());
        next.addDecayedFromDayBefore(this);
        next.meta = meta;
        next.sectionSlug = sectionSlug;
        return next.buildState();
    }

    /**
     * Keeps the {@code cap} biggest referring hosts by name and folds the rest into
     * {@value DayCounts#OTHER_HOSTS}; this state itself when it has no more than {@code cap}.
     */
    public CounterState withReferrerHostsCapped(int cap) {
        if (referrerHosts.size() <= cap) {
            return this;
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(referrerHosts.entrySet());
        entries.removeIf(entry -> entry.getKey().equals(OTHER_HOSTS));
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        long other = referrerHosts.getOrDefault(OTHER_HOSTS, 0L);
        for (int i = cap - 1; i < entries.size(); i++) {
            other += entries.get(i).getValue();
        }
        Builder capped = Builder.copyOf(this);
        capped.referrerHosts.clear();
        for (int i = 0; i < Math.min(cap - 1, entries.size()); i++) {
            capped.referrerHosts.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        capped.referrerHosts.put(OTHER_HOSTS, other);
        return capped.buildState();
    }

    /**
     * The dimensions held to {@code key}'s caps: see {@link Dimensions#capped}; this state itself when
     * nothing is over them.
     */
    public CounterState withDimensionsCapped(CounterKey key) {
        Dimensions capped = dimensions.capped(DimensionKind.ARTICLE_CAP,
                DimensionKind.ofScope(key.scope()).map(DimensionKind::siteDayCap).orElse(Integer.MAX_VALUE));
        if (capped.equals(dimensions)) {
            return this;
        }
        Builder next = Builder.copyOf(this);
        next.dimensions = capped;
        return next.buildState();
    }

    /** Several items' counts added (a group of articles' day, say), without meta or section; none is empty at precision 10. */
    public static CounterState sum(java.util.Collection<CounterState> states) {
        Builder sum = new Builder(states.isEmpty() ? 10 : states.iterator().next().sketchPrecision());
        states.forEach(sum::add);
        return sum.buildState();
    }

    /** What ranking reads of an article's day. */
    public RankingInputs rankingInputs() {
        return new RankingInputs(reads, hourlyReads, decayedReads, decayedShares, decayedEngagedSeconds, visitors.estimate(),
                sectionSlug, meta);
    }

    /** What a rising baseline reads of a day. */
    public ReadsBaseline readsBaseline() {
        return new ReadsBaseline(reads, hourlyReads);
    }
}
