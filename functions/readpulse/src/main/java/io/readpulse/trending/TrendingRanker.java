package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.collect.Identifiers;
import io.readpulse.collect.Limits;
import io.readpulse.model.ArticleMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a site's article signals into its lists: for the whole site and for each section, author
 * and tag that has lists, every mode and every window, the best {@value TrendingList#MAX_ENTRIES},
 * with editors' pins first and their exclusions left out. Pure: no I/O, no clock except the instant
 * passed in.
 *
 * <p>Browsers decide how much an article is read; they never decide what a list shows. An article
 * is listed only with the description its own page (or its publisher) gave: title, link, section,
 * time and image. One that would take a place but has none yet is left out and reported as
 * {@link Ranking#wanted()}, so the job can read its page. Sections get lists only as the articles'
 * own pages name them, and at most {@value #MAX_SECTION_LISTS} of them (the most read), so the
 * lists a run writes are bounded whatever section names browsers send.
 *
 * <p>Authors and tags likewise: an article is in an author's or a tag's list only as its description
 * names them, never as a browser claims, so an article without one is in none; and only the
 * {@value #MAX_AUTHOR_LISTS} most read authors and {@value #MAX_TAG_LISTS} most read tags of the
 * site get lists. Those lists hold described articles alone, so they want no page read and add no
 * place to {@link Ranking#listed()}: they cost the job no page read it would not make anyway.
 */
public final class TrendingRanker {
    public static final int MAX_SECTION_LISTS = 40;
    public static final int MAX_AUTHOR_LISTS = 10;
    public static final int MAX_TAG_LISTS = 10;
    /** Undescribed articles a list reports as wanted, the best placed first: a list's length of them. */
    static final int WANTED_PER_LIST = TrendingList.MAX_ENTRIES;
    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble(Scored::score).reversed().thenComparing(scored -> scored.article().signals().articleId());

    private final TrendingSettings settings;

    public TrendingRanker(TrendingSettings settings) {
        this.settings = settings;
    }

    /**
     * A site's lists, and what ranking them found missing.
     *
     * @param wanted articles without a description that would have taken a place, the best placed first
     * @param listed every article in the site's or a section's lists with its best place in any of them (1 is
     *     first); author and tag lists hold only articles whose descriptions are at hand, and add none
     * @param sectionsLeftOut sections that were named by the articles' pages but got no list (over the cap)
     */
    public record Ranking(List<TrendingList> lists, List<String> wanted, Map<String, Integer> listed, int sectionsLeftOut) {
    }

    /**
     * An article as ranking sees it: its signals, its description if it has one, its section and age,
     * and, from its description alone, its authors and tags (slug to name as the description spells it).
     *
     * @param scopes the scopes whose lists may hold the article: its section's, its authors' and its tags'
     */
    private record Candidate(ArticleSignals signals, ArticleMeta described, String sectionSlug, Instant publishedAt,
                             Map<String, String> authors, Map<String, String> tags, List<String> scopes) {
        static Candidate of(ArticleSignals signals, ArticleMeta described) {
            if (described == null) {
                ArticleMeta claim = signals.claim();
                String section = signals.sectionSlug();
                return new Candidate(signals, null, section, claim == null ? null : claim.publishedAt(), Map.of(), Map.of(),
                        section == null ? List.of() : List.of(TrendingList.sectionScope(section)));
            }
            String section = Identifiers.sectionSlug(described.section());
            Map<String, String> authors = bySlug(described.authors(), Limits.MAX_AUTHOR_LENGTH);
            Map<String, String> tags = bySlug(described.tags(), Limits.MAX_TAG_LENGTH);
            List<String> scopes = new ArrayList<>();
            scopes.add(TrendingList.sectionScope(section));
            authors.keySet().forEach(author -> scopes.add(TrendingList.authorScope(author)));
            tags.keySet().forEach(tag -> scopes.add(TrendingList.tagScope(tag)));
            return new Candidate(signals, described, section, described.publishedAt(), authors, tags, List.copyOf(scopes));
        }
    }

    /** Each name's slug and its first spelling; a name without a slug, or with one longer than a request may ask, is left out. */
    private static Map<String, String> bySlug(List<String> names, int maxSlugLength) {
        Map<String, String> bySlug = new LinkedHashMap<>();
        for (String name : names) {
            String slug = Identifiers.nameSlug(name);
            if (slug != null && slug.length() <= maxSlugLength) {
                bySlug.putIfAbsent(slug, name);
            }
        }
        return bySlug;
    }

    /** An article with its score in one mode and window, and its rising verdict where there is one. */
    private record Scored(Candidate article, double score, RisingRule.Verdict verdict) {
    }

    /**
     * @param articles the site's articles with human reads, and any pinned article
     * @param verdicts per window, the rising verdicts of the articles whose baselines were read
     * @param pins the site's pins and exclusions that are active now
     * @param described each article's description from its own page or its publisher, where there is one
     */
    public Ranking rank(String site, List<String> siteDomains, Collection<ArticleSignals> articles,
                        Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts, List<Pin> pins,
                        Map<String, ArticleMeta> described, Instant now) {
        Map<String, Candidate> byId = new HashMap<>();
        for (ArticleSignals article : articles) {
            byId.put(article.articleId(), Candidate.of(article, described.get(article.articleId())));
        }
        List<String> sections = sectionsWithLists(byId.values());
        // Scope to the name its list shows: none for the site and sections.
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put(CounterKey.SITE_TOTAL, null);
        sections.forEach(section -> scopes.put(TrendingList.sectionScope(section), null));
        scopes.putAll(mostReadNames(byId.values(), Candidate::authors, TrendingList::authorScope, MAX_AUTHOR_LISTS));
        scopes.putAll(mostReadNames(byId.values(), Candidate::tags, TrendingList::tagScope, MAX_TAG_LISTS));

        Map<String, Integer> wanted = new HashMap<>();
        Map<String, Integer> listed = new HashMap<>();
        List<TrendingList> lists = new ArrayList<>();
        for (DecayWindow window : DecayWindow.values()) {
            Map<String, RisingRule.Verdict> windowVerdicts = verdicts.getOrDefault(window, Map.of());
            for (TrendingMode mode : TrendingMode.values()) {
                Map<String, List<Scored>> rankedByScope = rankedByScope(mode, window, byId.values(), windowVerdicts, scopes.keySet(), now);
                for (Map.Entry<String, String> scope : scopes.entrySet()) {
                    // Author and tag lists hold described articles only: they want nothing, and their places refresh nothing.
                    boolean byName = TrendingList.byName(scope.getKey());
                    List<TrendingEntry> entries = select(scope.getKey(), rankedByScope.getOrDefault(scope.getKey(), List.of()), pins, byId,
                            mode, window, windowVerdicts, byName ? new HashMap<>() : wanted);
                    if (!byName) {
                        entries.forEach(entry -> listed.merge(entry.articleId(), entry.rank(), Math::min));
                    }
                    lists.add(new TrendingList(site, scope.getKey(), scope.getValue(), mode, window, now, siteDomains, entries));
                }
            }
        }
        List<String> wantedBestFirst = new ArrayList<>(wanted.keySet());
        wantedBestFirst.sort(Comparator.comparing((String id) -> wanted.get(id)).thenComparing(id -> id));
        long namedSections = byId.values().stream().filter(c -> c.described() != null).map(Candidate::sectionSlug).distinct().count();
        return new Ranking(lists, wantedBestFirst, listed, (int) (namedSections - sections.size()));
    }

    /**
     * The sections that get lists: those the listed articles' own pages name, the most read first
     * (by their articles' 24-hour scores), at most {@value #MAX_SECTION_LISTS}.
     */
    private static List<String> sectionsWithLists(Collection<Candidate> candidates) {
        Map<String, Double> weight = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.described() != null) {
                weight.merge(candidate.sectionSlug(), topScore(candidate.signals(), DecayWindow.ONE_DAY), Double::sum);
            }
        }
        List<String> sections = new ArrayList<>(weight.keySet());
        sections.sort(Comparator.comparing((String section) -> weight.get(section)).reversed().thenComparing(section -> section));
        return sections.subList(0, Math.min(MAX_SECTION_LISTS, sections.size()));
    }

    /**
     * The authors (or tags) that get lists: those the articles' descriptions name, the most read first
     * (by their articles' 24-hour scores), at most {@code max}; each with the spelling of its most
     * read article.
     *
     * @return scope to name, the most read first
     */
    private static Map<String, String> mostReadNames(Collection<Candidate> candidates, Function<Candidate, Map<String, String>> namesOf,
                                                     Function<String, String> scopeOf, int max) {
        record Spelling(String name, double score) {
        }
        Map<String, Double> weight = new HashMap<>();
        Map<String, Spelling> spelling = new HashMap<>();
        for (Candidate candidate : candidates) {
            double score = topScore(candidate.signals(), DecayWindow.ONE_DAY);
            namesOf.apply(candidate).forEach((slug, name) -> {
                weight.merge(slug, score, Double::sum);
                Spelling best = spelling.get(slug);
                if (best == null || score > best.score() || (score == best.score() && name.compareTo(best.name()) < 0)) {
                    spelling.put(slug, new Spelling(name, score));
                }
            });
        }
        List<String> slugs = new ArrayList<>(weight.keySet());
        slugs.sort(Comparator.comparing((String slug) -> weight.get(slug)).reversed().thenComparing(slug -> slug));
        Map<String, String> scopes = new LinkedHashMap<>();
        slugs.stream().limit(max).forEach(slug -> scopes.put(scopeOf.apply(slug), spelling.get(slug).name()));
        return scopes;
    }

    /** Every eligible article best first, under the site scope and under each of its scopes that has lists. */
    private Map<String, List<Scored>> rankedByScope(TrendingMode mode, DecayWindow window, Collection<Candidate> articles,
                                                    Map<String, RisingRule.Verdict> verdicts, Set<String> scopesWithLists, Instant now) {
        List<Scored> eligible = new ArrayList<>();
        for (Candidate article : articles) {
            Scored scored = score(mode, window, article, verdicts.get(article.signals().articleId()), now);
            if (scored != null) {
                eligible.add(scored);
            }
        }
        eligible.sort(BEST_FIRST);
        Map<String, List<Scored>> byScope = new HashMap<>();
        byScope.put(CounterKey.SITE_TOTAL, eligible);
        for (Scored scored : eligible) {
            for (String scope : scored.article().scopes()) {
                if (scopesWithLists.contains(scope)) {
                    byScope.computeIfAbsent(scope, key -> new ArrayList<>()).add(scored);
                }
            }
        }
        return byScope;
    }

    /** The article's score in this mode, or null if the mode does not admit it. */
    private Scored score(TrendingMode mode, DecayWindow window, Candidate article, RisingRule.Verdict verdict, Instant now) {
        if (!article.signals().hasReaders()) {
            return null;
        }
        Instant published = article.publishedAt();
        return switch (mode) {
            case TOP -> published != null && published.isBefore(now.minus(settings.topMaxAge())) ? null
                    : new Scored(article, topScore(article.signals(), window), null);
            case FRESH -> published == null || published.isBefore(now.minus(settings.freshMaxAge())) ? null
                    : new Scored(article, topScore(article.signals(), window), null);
            case RISING -> verdict == null || !verdict.rising() ? null : new Scored(article, verdict.significance(), verdict);
        };
    }

    private static double topScore(ArticleSignals article, DecayWindow window) {
        return TopScore.of(article.reads(window), article.shares(window), article.engagedSeconds(window) / 60);
    }

    /**
     * The list of one scope: its pins, then the best articles. An article that would take a place
     * without a description is skipped and noted in {@code wanted} with the place it would have had.
     */
    private static List<TrendingEntry> select(String scope, List<Scored> ranked, List<Pin> pins, Map<String, Candidate> byId,
                                              TrendingMode mode, DecayWindow window, Map<String, RisingRule.Verdict> verdicts,
                                              Map<String, Integer> wanted) {
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
            Candidate article = byId.get(articleId);
            if (article == null || excluded.contains(articleId) || entries.size() >= TrendingList.MAX_ENTRIES) {
                continue;
            }
            if (article.described() == null) {
                wanted.merge(articleId, 0, Math::min);
                continue;
            }
            RisingRule.Verdict verdict = verdicts.get(articleId);
            double score = mode == TrendingMode.RISING ? (verdict == null ? 0 : verdict.significance()) : topScore(article.signals(), window);
            entries.add(entry(entries.size() + 1, article, window, score, true, mode == TrendingMode.RISING ? verdict : null));
        }
        Set<String> pinnedIds = new LinkedHashSet<>(pinned.keySet());
        int undescribed = 0;
        for (Scored scored : ranked) {
            if (entries.size() >= TrendingList.MAX_ENTRIES) {
                break;
            }
            String articleId = scored.article().signals().articleId();
            if (excluded.contains(articleId) || pinnedIds.contains(articleId)) {
                continue;
            }
            if (scored.article().described() == null) {
                // Only the first few: with nothing described yet (a new instance), a list would
                // otherwise ask for every article of the site.
                if (undescribed++ < WANTED_PER_LIST) {
                    wanted.merge(articleId, entries.size() + undescribed, Math::min);
                }
                continue;
            }
            entries.add(entry(entries.size() + 1, scored.article(), window, scored.score(), false, scored.verdict()));
        }
        return entries;
    }

    private static TrendingEntry entry(int rank, Candidate candidate, DecayWindow window, double score, boolean pinned,
                                       RisingRule.Verdict verdict) {
        ArticleSignals article = candidate.signals();
        ArticleMeta meta = candidate.described();
        ScoreBreakdown breakdown = new ScoreBreakdown(article.reads(window), article.shares(window), article.engagedSeconds(window) / 60,
                article.floodFactor(), article.recentReads(), article.visitors(), verdict);
        return new TrendingEntry(rank, article.articleId(), meta.title(), meta.url(), meta.section(), candidate.sectionSlug(),
                meta.image(), meta.publishedAt(), score, pinned, breakdown);
    }
}
