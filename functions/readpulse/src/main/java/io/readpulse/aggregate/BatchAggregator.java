package io.readpulse.aggregate;

import io.readpulse.collect.Identifiers;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a batch of raw events into one immutable delta per counter item: the heart of the write-cost design,
 * since a hot article's thousand views in a batch become one write. Pure: no I/O.
 *
 * <p>Flood guard: a visitor's repeated views of one article within the batch count as views but
 * only once as a read (reads drive Trending); the collector already marks repeats it saw recently.
 * A visitor's engaged time per article is capped per batch, and their shares of it count once.
 */
public final class BatchAggregator {
    static final int MAX_ENGAGED_SECONDS_PER_VISITOR_AND_BATCH = 600;

    public Map<CounterKey, CounterDelta> aggregate(List<TrackedEvent> events) {
        Map<CounterKey, DayCounts.Builder> deltas = new LinkedHashMap<>();
        Set<String> readsSeen = new HashSet<>();
        Set<String> sharesSeen = new HashSet<>();
        Map<String, Integer> engagedByVisitor = new HashMap<>();
        Set<DayCounts.Builder> metaFromHumans = new HashSet<>();
        DimensionsFold dimensions = new DimensionsFold();

        for (TrackedEvent event : events) {
            if (event.type().fromTheBox()) {
                continue; // RecirculationFold counts them, in an item of their own
            }
            LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
            int hour = event.occurredAt().atZone(ZoneOffset.UTC).getHour();
            double secondsIntoDay = secondsIntoDay(event.occurredAt(), day);
            String sectionSlug = event.meta() != null && event.meta().section() != null
                    ? Identifiers.sectionSlug(event.meta().section()) : null;

            CounterKey articleKey = CounterKey.article(event.site(), day, event.articleId());
            List<CounterKey> keys = sectionSlug == null
                    ? List.of(articleKey, CounterKey.siteTotal(event.site(), day))
                    : List.of(articleKey, CounterKey.siteTotal(event.site(), day), CounterKey.section(event.site(), day, sectionSlug));
            List<DayCounts.Builder> targets = keys.stream().map(key -> delta(deltas, key)).toList();
            DayCounts.Builder article = targets.get(0);
            if (sectionSlug != null) {
                article.sectionSlug = sectionSlug;
            }
            keepClaim(article, event, metaFromHumans);
            if (event.bot()) {
                targets.forEach(counters -> counters.bots++);
                continue;
            }
            String visitorArticle = event.visitorKey() + '|' + event.articleId();
            switch (event.type()) {
                case VIEW -> {
                    boolean read = !event.repeat() && readsSeen.add(visitorArticle);
                    dimensions.view(event, day, articleKey, read);
                    for (DayCounts.Builder counters : targets) {
                        counters.views++;
                        counters.hourlyViews[hour]++;
                        counters.referrerClasses.merge(event.referrerClass().wireName(), 1L, Long::sum);
                        if (event.referrerHost() != null) {
                            counters.referrerHosts.merge(event.referrerHost(), 1L, Long::sum);
                        }
                        counters.visitors.offerSlot(event.sketchSlot());
                        if (read) {
                            counters.reads++;
                            counters.hourlyReads[hour]++;
                            addDecayed(counters.decayedReads, 1, secondsIntoDay);
                        }
                    }
                }
                case ENGAGE -> {
                    int before = engagedByVisitor.getOrDefault(visitorArticle, 0);
                    int seconds = Math.max(0, Math.min(event.engagedSeconds(), MAX_ENGAGED_SECONDS_PER_VISITOR_AND_BATCH - before));
                    engagedByVisitor.put(visitorArticle, before + seconds);
                    dimensions.engage(event, day, keys, seconds);
                    for (DayCounts.Builder counters : targets) {
                        counters.engagePings++;
                        counters.engagedSeconds += seconds;
                        counters.hourlyEngagedSeconds[hour] += seconds;
                        addDecayed(counters.decayedEngagedSeconds, seconds, secondsIntoDay);
                    }
                }
                case SHARE -> {
                    // One share per visitor and article a day, whatever the network: a visitor's
                    // two hundred clicks on a share button are one share.
                    if (event.repeat() || !sharesSeen.add(visitorArticle)) {
                        continue;
                    }
                    dimensions.share(event, day);
                    for (DayCounts.Builder counters : targets) {
                        counters.shares.merge(event.network().wireName(), 1L, Long::sum);
                        counters.hourlyShares[hour]++;
                        addDecayed(counters.decayedShares, 1, secondsIntoDay);
                    }
                }
            }
        }
        Map<CounterKey, CounterDelta> built = new LinkedHashMap<>();
        deltas.forEach((key, delta) -> built.put(key, delta.dimensions(dimensions.of(key)).buildDelta()));
        dimensions.dimensionItems().forEach((key, counts) -> built.put(key, new DayCounts.Builder(key.sketchPrecision()).dimensions(counts).buildDelta()));
        return built;
    }

    /**
     * Keeps the page's claim about its article (its URL, and the title where sent), from any kind of
     * event and from bots too, so an article is known whichever event came first. Within a batch a
     * human's claim wins over a bot's, and a claim with a title over one with only a URL. Claims
     * are shown only in editors' reports; public lists read the article's own page. The claimed
     * image is not kept: no report shows one, and lists show the page's own, while every byte of a
     * counter item is paid again at each of its writes.
     */
    private static void keepClaim(DayCounts.Builder article, TrackedEvent event, Set<DayCounts.Builder> metaFromHumans) {
        ArticleMeta claim = event.meta();
        if (claim == null || claim.url() == null) {
            return;
        }
        if (claim.image() != null) {
            claim = new ArticleMeta(claim.id(), claim.url(), claim.title(), claim.section(), claim.publishedAt(), null,
                    claim.authors(), claim.tags());
        }
        boolean human = !event.bot();
        boolean current = article.meta != null;
        boolean currentHuman = metaFromHumans.contains(article);
        boolean better = !current
                || (human && !currentHuman)
                || (human == currentHuman && (claim.title() != null || article.meta.title() == null));
        if (better) {
            article.meta = claim.title() != null || !current || article.meta.title() == null ? claim : withUrl(article.meta, claim.url());
            if (human) {
                metaFromHumans.add(article);
            }
        }
    }

    private static ArticleMeta withUrl(ArticleMeta meta, String url) {
        return new ArticleMeta(meta.id(), url, meta.title(), meta.section(), meta.publishedAt(), meta.image(), meta.authors(), meta.tags());
    }

    private static DayCounts.Builder delta(Map<CounterKey, DayCounts.Builder> deltas, CounterKey key) {
        return deltas.computeIfAbsent(key, k -> new DayCounts.Builder(k.sketchPrecision()));
    }

    private static void addDecayed(double[] sums, double weight, double secondsIntoDay) {
        for (DecayWindow window : DecayWindow.values()) {
            sums[window.ordinal()] += weight * window.growth(secondsIntoDay);
        }
    }

    static double secondsIntoDay(Instant at, LocalDate day) {
        return (at.toEpochMilli() - day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()) / 1000.0;
    }
}
