package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DayCounters;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.Site;
import io.readpulse.store.CounterStore;
import io.readpulse.store.SiteStore;
import io.readpulse.store.TrendingStore;
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
import java.util.Set;

/**
 * The scheduled job: ranks every active site and saves its lists.
 *
 * <p>What it reads, per site: the article-day items of today and yesterday (one Query per shard,
 * projected to what ranking needs), then only for the few hundred articles that could be rising,
 * their earlier days (BatchGet, reads only), and the site's pins (one Query). Never a Scan.
 */
public final class TrendingService {
    /** Rising candidates whose baselines are read: the most promising of the site, and of each section. */
    static final int RISING_CANDIDATES_PER_SITE = 300;
    static final int RISING_CANDIDATES_PER_SECTION = 50;

    private final SiteStore sites;
    private final CounterStore counters;
    private final TrendingStore trending;
    private final TrendingRanker ranker;

    public TrendingService(SiteStore sites, CounterStore counters, TrendingStore trending, TrendingSettings settings) {
        this.sites = sites;
        this.counters = counters;
        this.trending = trending;
        this.ranker = new TrendingRanker(settings);
    }

    /** What one run did. */
    public record RunSummary(int sitesRanked, int sitesIdle, int articlesRanked, int listsWritten) {
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
        int ranked = 0;
        int articles = 0;
        int lists = 0;
        for (Site site : all) {
            if (active.contains(site.id())) {
                SiteRanking ranking = rankSite(site, now);
                trending.saveLists(ranking.lists());
                ranked++;
                articles += ranking.articles();
                lists += ranking.lists().size();
            }
        }
        return new RunSummary(ranked, all.size() - ranked, articles, lists);
    }

    /** A site's lists, and how many articles they were ranked from. */
    public record SiteRanking(List<TrendingList> lists, int articles) {
    }

    public SiteRanking rankSite(Site site, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<LocalDate, Map<String, DayCounters>> recent = counters.rankingInputsOfDays(site.id(), List.of(today, today.minusDays(1)));
        Map<String, DayCounters> todays = recent.get(today);
        Map<String, DayCounters> yesterdays = recent.get(today.minusDays(1));
        Set<String> ids = new LinkedHashSet<>(todays.keySet());
        ids.addAll(yesterdays.keySet());
        List<ArticleSignals> articles = new ArrayList<>(ids.size());
        for (String id : ids) {
            ArticleSignals signals = ArticleSignals.of(id, todays.get(id), yesterdays.get(id), today, now);
            if (signals.listable()) {
                articles.add(signals);
            }
        }
        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = risingVerdicts(site.id(), articles, today, now);
        List<Pin> pins = trending.pins(site.id()).stream().filter(pin -> pin.activeAt(now)).toList();
        return new SiteRanking(ranker.rank(site.id(), site.domains(), articles, verdicts, pins, now), articles.size());
    }

    /** Judges the candidates of each window against their full baselines, read for them alone. */
    private Map<DecayWindow, Map<String, RisingRule.Verdict>> risingVerdicts(String site, List<ArticleSignals> articles,
                                                                           LocalDate today, Instant now) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        Map<DecayWindow, List<ArticleSignals>> candidates = new EnumMap<>(DecayWindow.class);
        Set<CounterKey> baselineKeys = new HashSet<>();
        for (DecayWindow window : DecayWindow.values()) {
            List<ArticleSignals> chosen = candidates(window, articles, today, hour);
            candidates.put(window, chosen);
            List<LocalDate> days = RisingRule.baselineDays(window, today);
            for (ArticleSignals article : chosen) {
                for (LocalDate day : days) {
                    if (!day.equals(today.minusDays(1))) {
                        baselineKeys.add(CounterKey.article(site, day, article.articleId()));
                    }
                }
            }
        }
        Map<String, Map<LocalDate, DayCounters>> histories = new HashMap<>();
        counters.findReads(baselineKeys).forEach((key, counts) ->
                histories.computeIfAbsent(key.scope(), id -> new HashMap<>()).put(key.day(), counts));

        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts = new EnumMap<>(DecayWindow.class);
        candidates.forEach((window, chosen) -> {
            Map<String, RisingRule.Verdict> judged = new HashMap<>();
            for (ArticleSignals article : chosen) {
                Map<LocalDate, DayCounters> history = new HashMap<>(histories.getOrDefault(article.articleId(), Map.of()));
                if (article.yesterday() != null) {
                    history.put(today.minusDays(1), article.yesterday());
                }
                judged.put(article.articleId(), RisingRule.judge(window, article.reads(window), history, today, hour));
            }
            verdicts.put(window, judged);
        });
        return verdicts;
    }

    /**
     * The articles worth a baseline read in one window: those that could rise at all, the most
     * promising first, judged by a provisional baseline of yesterday alone (already in hand).
     */
    private static List<ArticleSignals> candidates(DecayWindow window, List<ArticleSignals> articles, LocalDate today, int hour) {
        record Promise(ArticleSignals article, double significance) {
        }
        List<Promise> promising = new ArrayList<>();
        for (ArticleSignals article : articles) {
            if (RisingRule.couldBeRising(window, article.reads(window))) {
                Map<LocalDate, DayCounters> known = article.yesterday() == null ? Map.of() : Map.of(today.minusDays(1), article.yesterday());
                promising.add(new Promise(article, RisingRule.judge(window, article.reads(window), known, today, hour).significance()));
            }
        }
        promising.sort(Comparator.comparingDouble(Promise::significance).reversed());
        Set<ArticleSignals> chosen = new LinkedHashSet<>();
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
        return new ArrayList<>(chosen);
    }
}
