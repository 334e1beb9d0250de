package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a site's article signals into its lists: for the whole site and for each section, every
 * mode and every window, the best {@value TrendingList#MAX_ENTRIES}, with editors' pins first and
 * their exclusions left out. Pure: no I/O, no clock except the instant passed in.
 */
public final class TrendingRanker {
    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(scored -> scored.article().articleId());

    private final TrendingSettings settings;

    public TrendingRanker(TrendingSettings settings) {
        this.settings = settings;
    }

    /** An article with its score in one mode and window, and its rising verdict where there is one. */
    private record Scored(ArticleSignals article, double score, RisingRule.Verdict verdict) {
    }

    /**
     * @param articles the site's listable articles
     * @param verdicts per window, the rising verdicts of the articles whose baselines were read
     * @param pins the site's pins and exclusions that are active now
     */
    public List<TrendingList> rank(String site, List<String> siteDomains, Collection<ArticleSignals> articles,
                                   Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts, List<Pin> pins, Instant now) {
        Map<String, ArticleSignals> byId = new HashMap<>();
        Set<String> sections = new TreeSet<>();
        for (ArticleSignals article : articles) {
            byId.put(article.articleId(), article);
            if (article.sectionSlug() != null) {
                sections.add(article.sectionSlug());
            }
        }
        List<String> scopes = new ArrayList<>();
        scopes.add(CounterKey.SITE_TOTAL);
        sections.forEach(section -> scopes.add(TrendingList.sectionScope(section)));

        List<TrendingList> lists = new ArrayList<>();
        for (DecayWindow window : DecayWindow.values()) {
            Map<String, RisingRule.Verdict> windowVerdicts = verdicts.getOrDefault(window, Map.of());
            for (TrendingMode mode : TrendingMode.values()) {
                Map<String, List<Scored>> rankedByScope = rankedByScope(mode, window, articles, windowVerdicts, now);
                for (String scope : scopes) {
                    List<TrendingEntry> entries = select(scope, rankedByScope.getOrDefault(scope, List.of()), pins, byId,
                            mode, window, windowVerdicts);
                    lists.add(new TrendingList(site, scope, mode, window, now, siteDomains, entries));
                }
            }
        }
        return lists;
    }

    /** Every eligible article best first, under the site scope and under its section's. */
    private Map<String, List<Scored>> rankedByScope(TrendingMode mode, DecayWindow window, Collection<ArticleSignals> articles,
                                                    Map<String, RisingRule.Verdict> verdicts, Instant now) {
        List<Scored> eligible = new ArrayList<>();
        for (ArticleSignals article : articles) {
            Scored scored = score(mode, window, article, verdicts.get(article.articleId()), now);
            if (scored != null) {
                eligible.add(scored);
            }
        }
        eligible.sort(BEST_FIRST);
        Map<String, List<Scored>> byScope = new HashMap<>();
        byScope.put(CounterKey.SITE_TOTAL, eligible);
        for (Scored scored : eligible) {
            String section = scored.article().sectionSlug();
            if (section != null) {
                byScope.computeIfAbsent(TrendingList.sectionScope(section), scope -> new ArrayList<>()).add(scored);
            }
        }
        return byScope;
    }

    /** The article's score in this mode, or null if the mode does not admit it. */
    private Scored score(TrendingMode mode, DecayWindow window, ArticleSignals article, RisingRule.Verdict verdict, Instant now) {
        Instant published = article.meta().publishedAt();
        return switch (mode) {
            case TOP -> published != null && published.isBefore(now.minus(settings.topMaxAge())) ? null
                    : new Scored(article, topScore(article, window), null);
            case FRESH -> published == null || published.isBefore(now.minus(settings.freshMaxAge())) ? null
                    : new Scored(article, topScore(article, window), null);
            case RISING -> verdict == null || !verdict.rising() ? null : new Scored(article, verdict.significance(), verdict);
        };
    }

    private static double topScore(ArticleSignals article, DecayWindow window) {
        return TopScore.of(article.reads(window), article.shares(window), article.engagedSeconds(window) / 60);
    }

    private static List<TrendingEntry> select(String scope, List<Scored> ranked, List<Pin> pins, Map<String, ArticleSignals> byId,
                                              TrendingMode mode, DecayWindow window, Map<String, RisingRule.Verdict> verdicts) {
        Set<String> excluded = new HashSet<>();
        Map<String, Pin> pinned = new LinkedHashMap<>();
        pins.stream().sorted(Comparator.comparing(Pin::createdAt)).forEach(pin -> {
            if (pin.action() == PinAction.EXCLUDE && (pin.siteWide() || pin.scope().equals(scope))) {
                excluded.add(pin.articleId());
            } else if (pin.action() == PinAction.PIN && pin.scope().equals(scope)) {
                pinned.put(pin.articleId(), pin);
            }
        });
        List<TrendingEntry> entries = new ArrayList<>();
        for (String articleId : pinned.keySet()) {
            ArticleSignals article = byId.get(articleId);
            if (article != null && !excluded.contains(articleId) && entries.size() < TrendingList.MAX_ENTRIES) {
                RisingRule.Verdict verdict = verdicts.get(articleId);
                double score = mode == TrendingMode.RISING ? (verdict == null ? 0 : verdict.significance()) : topScore(article, window);
                entries.add(entry(entries.size() + 1, article, window, score, true, mode == TrendingMode.RISING ? verdict : null));
            }
        }
        for (Scored scored : ranked) {
            if (entries.size() >= TrendingList.MAX_ENTRIES) {
                break;
            }
            String articleId = scored.article().articleId();
            if (!excluded.contains(articleId) && !pinned.containsKey(articleId)) {
                entries.add(entry(entries.size() + 1, scored.article(), window, scored.score(), false, scored.verdict()));
            }
        }
        return entries;
    }

    private static TrendingEntry entry(int rank, ArticleSignals article, DecayWindow window, double score, boolean pinned,
                                       RisingRule.Verdict verdict) {
        ArticleMeta meta = article.meta();
        ScoreBreakdown breakdown = new ScoreBreakdown(article.reads(window), article.shares(window), article.engagedSeconds(window) / 60,
                article.floodFactor(), article.recentReads(), article.visitors(), verdict);
        return new TrendingEntry(rank, article.articleId(), meta.title(), meta.url(), meta.section(), article.sectionSlug(),
                meta.image(), meta.publishedAt(), score, pinned, breakdown);
    }
}
