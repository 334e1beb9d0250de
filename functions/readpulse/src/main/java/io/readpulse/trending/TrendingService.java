package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DayCounters;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.config.JsonLog;
import io.readpulse.model.Site;
import io.readpulse.store.CounterStore;
import io.readpulse.store.RawEventStore;
import io.readpulse.store.SiteStore;
import io.readpulse.store.StoreUnavailableException;
import io.readpulse.store.TrendingStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduled job: ranks every active site and saves its lists.
 *
 * <p>What it reads, per site. A full load reads the article-day items of today and yesterday (one
 * Query per shard, projected to what ranking needs). The instance keeps what it loaded, and the next
 * runs read only what may have changed: the article ids of the raw events stored since shortly before
 * that load (a key-range Query per raw-event bucket), then those articles' items of today (BatchGet).
 * Everything else is brought forward in time by decay alone, which is exact for an article without
 * new reads. A full load comes back every {@link #FULL_RELOAD_INTERVAL}, at a new UTC day and in a
 * new instance, so counters that arrive late are never missed for long. Then, only for the few
 * hundred articles that could be rising, their earlier days (BatchGet, reads only; once per UTC day
 * for the days before yesterday, which no longer change, and once per load for yesterday), and the
 * site's pins (one Query). Never a Scan.
 */
public final class TrendingService {
    /** Rising candidates whose baselines are read: the most promising of the site, and of each section. */
    static final int RISING_CANDIDATES_PER_SITE = 300;
    static final int RISING_CANDIDATES_PER_SECTION = 50;
    public static final Duration FULL_RELOAD_INTERVAL = Duration.ofMinutes(15);
    /**
     * Events stored this long before a full load may not have reached its counters yet (the stream
     * mapping batches for up to a minute), so their articles are read again on the runs after it.
     */
    static final Duration AGGREGATION_LAG = Duration.ofMinutes(3);

    private final SiteStore sites;
    private final CounterStore counters;
    private final RawEventStore rawEvents;
    private final TrendingStore trending;
    private final TrendingRanker ranker;
    private final Map<String, LoadedSite> loaded = new ConcurrentHashMap<>();

    public TrendingService(SiteStore sites, CounterStore counters, RawEventStore rawEvents, TrendingStore trending, TrendingSettings settings) {
        this.sites = sites;
        this.counters = counters;
        this.rawEvents = rawEvents;
        this.trending = trending;
        this.ranker = new TrendingRanker(settings);
    }

    /**
     * A site's articles as last read.
     *
     * @param loadedAt when the article-day items were last read in full
     * @param articles by id, each as of the run that last read it
     * @param baselines the earlier days of rising candidates read so far (empty: no item that day);
     *     past days do not change, so each is read once per load
     */
    private record LoadedSite(LocalDate day, Instant loadedAt, Instant lastRun, Map<String, ArticleSignals> articles,
                              Map<CounterKey, Optional<DayCounters>> baselines) {
    }

    /**
     * What one run did.
     *
     * @param sitesIdle sites skipped for having had no traffic today or yesterday
     * @param articlesRead article-day items read in this run (full loads and refreshes)
     */
    public record RunSummary(int sitesRanked, int sitesIdle, int articlesRanked, int articlesRead, int listsWritten) {
    }

    public RunSummary computeAll(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Site> all = sites.listAll();
        List<CounterKey> siteTotals = new ArrayList<>();
        for (Site site : all) {
            siteTotals.add(CounterKey.siteTotal(site.id(), today));
            siteTotals.add(CounterKey.siteTotal(site.id(), today.minusDays(1)));
        }
        Set<String> active = new HashSet<>();
        counters.findReads(siteTotals).keySet().forEach(key -> active.add(key.site()));
        loaded.keySet().retainAll(active);
        int ranked = 0;
        int articles = 0;
        int read = 0;
        int lists = 0;
        StoreUnavailableException failure = null;
        for (Site site : all) {
            if (!active.contains(site.id())) {
                continue;
            }
            try {
                SiteRanking ranking = rankSite(site, now);
                trending.saveLists(ranking.lists());
                ranked++;
                articles += ranking.articles();
                read += ranking.articlesRead();
                lists += ranking.lists().size();
            } catch (StoreUnavailableException e) {
                // One site's trouble must not keep the others' lists from moving on; the run still fails.
                JsonLog.error("site not ranked", e, "site", site.id());
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new RunSummary(ranked, all.size() - active.size(), articles, read, lists);
    }

    /** A site's lists, how many articles they were ranked from, and how many article-day items were read. */
    public record SiteRanking(List<TrendingList> lists, int articles, int articlesRead) {
    }

    public SiteRanking rankSite(Site site, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LoadedSite previous = loaded.get(site.id());
        boolean fullLoad = previous == null || !previous.day().equals(today) || now.isBefore(previous.lastRun())
                || !now.isBefore(previous.loadedAt().plus(FULL_RELOAD_INTERVAL));
        Map<String, ArticleSignals> latest = new HashMap<>();
        int read;
        if (fullLoad) {
            Map<LocalDate, Map<String, DayCounters>> recent = counters.rankingInputsOfDays(site.id(), List.of(today, today.minusDays(1)));
            Map<String, DayCounters> todays = recent.get(today);
            Map<String, DayCounters> yesterdays = recent.get(today.minusDays(1));
            Set<String> ids = new LinkedHashSet<>(todays.keySet());
            ids.addAll(yesterdays.keySet());
            for (String id : ids) {
                latest.put(id, ArticleSignals.of(id, todays.get(id), yesterdays.get(id), today, now));
            }
            read = todays.size() + yesterdays.size();
            loaded.put(site.id(), new LoadedSite(today, now, now, latest, settledBaselines(previous, today)));
        } else {
            latest.putAll(previous.articles());
            Set<CounterKey> changed = new HashSet<>();
            for (String id : rawEvents.articlesWithEventsSince(site.id(), previous.loadedAt().minus(AGGREGATION_LAG), now)) {
                changed.add(CounterKey.article(site.id(), today, id));
            }
            Map<CounterKey, DayCounters> refreshed = counters.findRankingInputs(changed);
            refreshed.forEach((key, counts) -> {
                ArticleSignals fresh = ArticleSignals.of(key.scope(), counts, null, today, now);
                ArticleSignals before = latest.get(key.scope());
                latest.put(key.scope(), before == null ? fresh : fresh.withEarlierKnowledge(before));
            });
            read = refreshed.size();
            loaded.put(site.id(), new LoadedSite(today, previous.loadedAt(), now, latest, previous.baselines()));
        }
        List<ArticleSignals> articles = new ArrayList<>(latest.size());
        for (ArticleSignals signals : latest.values()) {
            if (signals.listable()) {
                articles.add(signals.agedTo(now));
            }
        }
        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = risingVerdicts(site.id(), articles, today, now,
                loaded.get(site.id()).baselines());
        List<Pin> pins = trending.pins(site.id()).stream().filter(pin -> pin.activeAt(now)).toList();
        return new SiteRanking(ranker.rank(site.id(), site.domains(), articles, verdicts, pins, now), articles.size(), read);
    }

    /**
     * The baselines a full load can keep from the previous one of the same UTC day: the days before
     * yesterday, which no counter write touches any more. Yesterday's are read again, since the
     * stream may still have been aggregating its last minutes.
     */
    private static Map<CounterKey, Optional<DayCounters>> settledBaselines(LoadedSite previous, LocalDate today) {
        Map<CounterKey, Optional<DayCounters>> kept = new HashMap<>();
        if (previous != null && previous.day().equals(today)) {
            previous.baselines().forEach((key, history) -> {
                if (key.day().isBefore(today.minusDays(1))) {
                    kept.put(key, history);
                }
            });
        }
        return kept;
    }

    /** Judges the candidates of each window against their full baselines, read for them alone (and once). */
    private Map<DecayWindow, Map<String, RisingRule.Verdict>> risingVerdicts(String site, List<ArticleSignals> articles, LocalDate today,
                                                                           Instant now, Map<CounterKey, Optional<DayCounters>> baselines) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        Map<DecayWindow, List<ArticleSignals>> candidates = new EnumMap<>(DecayWindow.class);
        Set<CounterKey> baselineKeys = new HashSet<>();
        for (DecayWindow window : DecayWindow.values()) {
            List<ArticleSignals> chosen = candidates(window, articles);
            candidates.put(window, chosen);
            for (ArticleSignals article : chosen) {
                for (LocalDate day : RisingRule.baselineDays(window, today)) {
                    baselineKeys.add(CounterKey.article(site, day, article.articleId()));
                }
            }
        }
        Set<CounterKey> unread = new HashSet<>(baselineKeys);
        unread.removeAll(baselines.keySet());
        Map<CounterKey, DayCounters> found = counters.findReads(unread);
        unread.forEach(key -> baselines.put(key, Optional.ofNullable(found.get(key))));
        Map<String, Map<LocalDate, DayCounters>> histories = new HashMap<>();
        for (CounterKey key : baselineKeys) {
            baselines.get(key).ifPresent(history -> histories.computeIfAbsent(key.scope(), id -> new HashMap<>()).put(key.day(), history));
        }

        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = new EnumMap<>(DecayWindow.class);
        candidates.forEach((window, chosen) -> {
            Map<String, RisingRule.Verdict> judged = new HashMap<>();
            for (ArticleSignals article : chosen) {
                Map<LocalDate, DayCounters> history = histories.getOrDefault(article.articleId(), Map.of());
                judged.put(article.articleId(), RisingRule.judge(window, article.reads(window), history, today, hour));
            }
            verdicts.put(window, judged);
        });
        return verdicts;
    }

    /**
     * The articles worth a baseline read in one window: those that could rise at all, the most
     * promising first, judged by a provisional baseline of the previous day's reads alone.
     */
    private static List<ArticleSignals> candidates(DecayWindow window, List<ArticleSignals> articles) {
        record Promise(ArticleSignals article, double significance) {
        }
        List<Promise> promising = new ArrayList<>();
        for (ArticleSignals article : articles) {
            double current = article.reads(window);
            if (RisingRule.couldBeRising(window, current)) {
                promising.add(new Promise(article, RisingRule.provisionalSignificance(window, current, article.previousDayReads())));
            }
        }
        promising.sort(Comparator.comparingDouble(Promise::significance).reversed());
        List<ArticleSignals> chosen = new ArrayList<>();
        Map<String, Integer> perSection = new HashMap<>();
        for (Promise promise : promising) {
            String section = promise.article().sectionSlug();
            int sectionCount = section == null ? RISING_CANDIDATES_PER_SECTION : perSection.getOrDefault(section, 0);
            if (chosen.size() < RISING_CANDIDATES_PER_SITE || sectionCount < RISING_CANDIDATES_PER_SECTION) {
                chosen.add(promise.article());
                if (section != null) {
                    perSection.merge(section, 1, Integer::sum);
                }
            }
        }
        return chosen;
    }
}
