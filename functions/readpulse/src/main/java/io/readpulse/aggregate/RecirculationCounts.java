package io.readpulse.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.ToLongFunction;

/**
 * The Trending box's counts of one site and UTC day: what a recirculation item holds, and what one
 * stream batch adds to it ({@link RecirculationFold}). Immutable.
 *
 * <p>Everything an anonymous client can grow is capped: lists (a section is the page's claim)
 * beyond {@value #LIST_CAP} and clicked articles beyond {@value #ARTICLE_CAP} are summed under
 * {@value #OTHER}, the smallest first. Arms need no cap: only the nine mode-window pairs of the
 * trending API are accepted.
 *
 * @param impressions impressions of every list, bots left out
 * @param bots impressions and clicks sent by bots, counted nowhere else
 * @param lists per list, {@code mode-window} or {@code mode-window/section}
 * @param impressionsByItems impressions by how many entries the box showed (index items - 1): an
 *     impression of five entries showed positions 1 to 5
 * @param clicksByPosition clicks by the entry's place (index position - 1)
 * @param arms per experiment arm, {@code mode-window}
 * @param clickedArticles clicks per article clicked in the box
 * @param boxViews views of page views opened from the box
 * @param boxReads of those, reads (a visitor's first view of the article that day)
 * @param boxEngagedSeconds engaged seconds of page views opened from the box
 */
public record RecirculationCounts(long impressions, long clicks, long bots, long[] hourlyImpressions, long[] hourlyClicks,
                                  Map<String, Tally> lists, long[] impressionsByItems, long[] clicksByPosition,
                                  Map<String, Tally> arms, Map<String, Long> clickedArticles,
                                  long boxViews, long boxReads, long boxEngagedSeconds) {
    public static final String OTHER = "~other";
    public static final int LIST_CAP = 60;
    public static final int ARTICLE_CAP = 100;
    public static final int POSITIONS = 50;

    public static final RecirculationCounts EMPTY = new RecirculationCounts(0, 0, 0, new long[24], new long[24], Map.of(),
            new long[POSITIONS], new long[POSITIONS], Map.of(), Map.of(), 0, 0, 0);

    /** Impressions and clicks of one list or arm. */
    public record Tally(long impressions, long clicks) {
        public Tally plus(Tally other) {
            return new Tally(impressions + other.impressions, clicks + other.clicks);
        }
    }

    public RecirculationCounts {
        hourlyImpressions = hourlyImpressions.clone();
        hourlyClicks = hourlyClicks.clone();
        impressionsByItems = impressionsByItems.clone();
        clicksByPosition = clicksByPosition.clone();
        lists = capped(lists, LIST_CAP, tally -> tally.impressions() + tally.clicks(), Tally::plus);
        arms = Map.copyOf(arms);
        clickedArticles = capped(clickedArticles, ARTICLE_CAP, Long::longValue, Long::sum);
    }

    @Override
    public long[] hourlyImpressions() {
        return hourlyImpressions.clone();
    }

    @Override
    public long[] hourlyClicks() {
        return hourlyClicks.clone();
    }

    @Override
    public long[] impressionsByItems() {
        return impressionsByItems.clone();
    }

    @Override
    public long[] clicksByPosition() {
        return clicksByPosition.clone();
    }

    /** How many impressions showed the entry at {@code position} (1-50): those of at least that many entries. */
    public long impressionsAt(int position) {
        long shown = 0;
        for (int items = position; items <= POSITIONS; items++) {
            shown += impressionsByItems[items - 1];
        }
        return shown;
    }

    public RecirculationCounts plus(RecirculationCounts delta) {
        return new RecirculationCounts(impressions + delta.impressions, clicks + delta.clicks, bots + delta.bots,
                add(hourlyImpressions, delta.hourlyImpressions), add(hourlyClicks, delta.hourlyClicks),
                merged(lists, delta.lists, Tally::plus), add(impressionsByItems, delta.impressionsByItems),
                add(clicksByPosition, delta.clicksByPosition), merged(arms, delta.arms, Tally::plus),
                merged(clickedArticles, delta.clickedArticles, Long::sum),
                boxViews + delta.boxViews, boxReads + delta.boxReads, boxEngagedSeconds + delta.boxEngagedSeconds);
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    private static <V> Map<String, V> merged(Map<String, V> a, Map<String, V> b, BinaryOperator<V> plus) {
        Map<String, V> sum = new TreeMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, plus));
        return sum;
    }

    /** The {@code cap} largest entries by name (ties by name), the rest summed under {@value #OTHER}. */
    static <V> Map<String, V> capped(Map<String, V> entries, int cap, ToLongFunction<V> weight, BinaryOperator<V> plus) {
        long named = entries.keySet().stream().filter(key -> !key.equals(OTHER)).count();
        if (named <= cap) {
            return Map.copyOf(entries);
        }
        List<Map.Entry<String, V>> ranked = new ArrayList<>(entries.entrySet());
        ranked.removeIf(entry -> entry.getKey().equals(OTHER));
        ranked.sort(Comparator.comparingLong((Map.Entry<String, V> entry) -> weight.applyAsLong(entry.getValue())).reversed()
                .thenComparing(Map.Entry::getKey));
        Map<String, V> kept = new LinkedHashMap<>();
        V other = entries.get(OTHER);
        for (int i = 0; i < ranked.size(); i++) {
            Map.Entry<String, V> entry = ranked.get(i);
            if (i < cap) {
                kept.put(entry.getKey(), entry.getValue());
            } else {
                other = other == null ? entry.getValue() : plus.apply(other, entry.getValue());
            }
        }
        kept.put(OTHER, other);
        return Map.copyOf(kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecirculationCounts that && impressions == that.impressions && clicks == that.clicks && bots == that.bots
                && Arrays.equals(hourlyImpressions, that.hourlyImpressions) && Arrays.equals(hourlyClicks, that.hourlyClicks)
                && lists.equals(that.lists) && Arrays.equals(impressionsByItems, that.impressionsByItems)
                && Arrays.equals(clicksByPosition, that.clicksByPosition) && arms.equals(that.arms)
                && clickedArticles.equals(that.clickedArticles) && boxViews == that.boxViews && boxReads == that.boxReads
                && boxEngagedSeconds == that.boxEngagedSeconds;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(impressions) * 31 + Long.hashCode(clicks) + lists.hashCode();
    }

    /** Folds one batch's events; {@link RecirculationFold} uses it. */
    static final class Builder {
        long impressions;
        long clicks;
        long bots;
        final long[] hourlyImpressions = new long[24];
        final long[] hourlyClicks = new long[24];
        final Map<String, Tally> lists = new TreeMap<>();
        final long[] impressionsByItems = new long[POSITIONS];
        final long[] clicksByPosition = new long[POSITIONS];
        final Map<String, Tally> arms = new TreeMap<>();
        final Map<String, Long> clickedArticles = new TreeMap<>();
        long boxViews;
        long boxReads;
        long boxEngagedSeconds;

        RecirculationCounts build() {
            return new RecirculationCounts(impressions, clicks, bots, hourlyImpressions, hourlyClicks, lists, impressionsByItems,
                    clicksByPosition, arms, clickedArticles, boxViews, boxReads, boxEngagedSeconds);
        }
    }
}
