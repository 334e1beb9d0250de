package io.readpulse.alerts;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterStore;
import io.readpulse.aggregate.CounterState;
import io.readpulse.store.RawEventStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What alerts read of the counters and the raw events, and nothing more: the one place that knows
 * the counter model, so it can follow that model when it changes. Counters are read only through
 * {@link CounterStore#findAll}.
 */
public final class SiteTraffic {
    private final CounterStore counters;
    private final RawEventStore rawEvents;

    public SiteTraffic(CounterStore counters, RawEventStore rawEvents) {
        this.counters = counters;
        this.rawEvents = rawEvents;
    }

    /**
     * An article's reads on one UTC day, and where its readers came from.
     *
     * @param referrerClasses reads by referrer class (search, social, ...), biggest first
     * @param topHosts the biggest referring hosts, as browsers reported them: hostile text
     */
    public record ArticleDay(long reads, Map<String, Long> referrerClasses, List<String> topHosts) {
    }

    public Map<String, ArticleDay> articlesOn(String site, LocalDate day, Collection<String> articleIds) {
        List<CounterKey> keys = articleIds.stream().map(id -> CounterKey.article(site, day, id)).toList();
        Map<String, ArticleDay> days = new HashMap<>();
        counters.findAll(keys).forEach((key, counts) -> days.put(key.scope(), articleDay(counts)));
        return days;
    }

    private static ArticleDay articleDay(CounterState counts) {
        Map<String, Long> classes = new LinkedHashMap<>();
        counts.referrerClasses().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> classes.put(entry.getKey(), entry.getValue()));
        List<String> hosts = counts.referrerHosts().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(CounterState.OTHER_HOSTS))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        return new ArticleDay(counts.reads(), classes, hosts);
    }

    /** The site's events (views) in one UTC hour of each of these days; a day without counters counts zero. */
    public List<Long> siteViewsInHour(String site, List<LocalDate> days, int hourOfDay) {
        List<CounterKey> keys = days.stream().map(day -> CounterKey.siteTotal(site, day)).toList();
        Map<CounterKey, CounterState> found = counters.findAll(keys);
        List<Long> views = new ArrayList<>(days.size());
        for (CounterKey key : keys) {
            CounterState day = found.get(key);
            views.add(day == null ? 0L : day.hourlyViews()[hourOfDay]);
        }
        return views;
    }

    /** Whether the site stored any event at all in {@code [from, to]}. */
    public boolean anyEvents(String site, Instant from, Instant to) {
        return !rawEvents.articlesWithEventsSince(site, from, to).isEmpty();
    }

    /** The site's views by people in {@code [from, to)}, counted from the raw events. */
    public long humanViewsBetween(String site, Instant from, Instant to) {
        return rawEvents.humanViewsBetween(site, from, to);
    }

    /**
     * The site's views in each of these UTC hours (from the site-day counters); null for an hour of a
     * day with no counters at all (the site was not counted yet, or its counters expired).
     */
    public List<Long> siteViewsInHours(String site, List<Instant> hourStarts) {
        List<CounterKey> keys = hourStarts.stream().map(hour -> CounterKey.siteTotal(site, LocalDate.ofInstant(hour, java.time.ZoneOffset.UTC)))
                .distinct().toList();
        Map<CounterKey, CounterState> found = counters.findAll(keys);
        List<Long> views = new ArrayList<>(hourStarts.size());
        for (Instant hour : hourStarts) {
            CounterState day = found.get(CounterKey.siteTotal(site, LocalDate.ofInstant(hour, java.time.ZoneOffset.UTC)));
            views.add(day == null ? null : day.hourlyViews()[hour.atZone(java.time.ZoneOffset.UTC).getHour()]);
        }
        return views;
    }
}
