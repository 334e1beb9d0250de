package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DayCounts;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendingRankerTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-11-29");
    final TrendingRanker ranker = new TrendingRanker(TrendingSettings.defaults());

    /** An article with {@code reads} reads by distinct visitors at 11:00 today, and {@code shares} shares. */
    static ArticleSignals article(String id, String section, int reads, int shares, Duration age) {
        return article(id, section, reads, shares, age, List.of(), List.of());
    }

    /** The same, with a browser's claim naming authors and tags. */
    static ArticleSignals article(String id, String section, int reads, int shares, Duration age, List<String> claimedAuthors,
                                  List<String> claimedTags) {
        DayCounts.Builder today = CounterState.builder(10);
        for (DecayWindow window : DecayWindow.values()) {
            today.decayedReads(window, reads * window.growth(11 * 3600));
            today.decayedShares(window, shares * window.growth(11 * 3600));
        }
        today.reads(reads);
        HyperLogLog visitors = new HyperLogLog(10);
        for (int i = 0; i < reads; i++) {
            visitors.offerSlot(HyperLogLog.slotOf(id.hashCode() * 1_000_003L + i * 0x9E3779B97F4A7C15L));
        }
        today.visitors(visitors);
        today.sectionSlug(section);
        today.meta(new ArticleMeta(id, "https://news.example/" + id, "Title " + id, section, NOW.minus(age), null, claimedAuthors, claimedTags));
        return ArticleSignals.of(id, today.buildState().rankingInputs(), null, TODAY, NOW);
    }

    /** Ranks with every article described by its page exactly as its counters' claim says. */
    List<TrendingList> rank(List<ArticleSignals> articles, Map<DecayWindow, Map<String, RisingRule.Verdict>> verdicts, List<Pin> pins,
                            Instant now) {
        return ranker.rank("demo-news", List.of("news.example"), articles, verdicts, pins, describedAsClaimed(articles), now).lists();
    }

    static Map<String, ArticleMeta> describedAsClaimed(List<ArticleSignals> articles) {
        Map<String, ArticleMeta> described = new HashMap<>();
        articles.forEach(article -> described.put(article.articleId(), article.claim()));
        return described;
    }

    static List<String> ids(TrendingList list) {
        List<String> ids = new ArrayList<>();
        list.entries().forEach(entry -> ids.add(entry.articleId()));
        return ids;
    }

    static TrendingList find(List<TrendingList> lists, String scope, TrendingMode mode, DecayWindow window) {
        return lists.stream().filter(list -> list.scope().equals(scope) && list.mode() == mode && list.window() == window)
                .findFirst().orElseThrow();
    }

    @Test
    void everyScopeModeAndWindowGetsAList() {
        List<TrendingList> lists = rank(List.of(
                article("a", "world", 10, 0, Duration.ofHours(2)), article("b", "economy", 5, 0, Duration.ofHours(2))), Map.of(), List.of(), NOW);
        assertEquals(3 * 3 * 3, lists.size());
        assertEquals(List.of("a", "b"), ids(find(lists, CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_DAY)));
        assertEquals(List.of("b"), ids(find(lists, "sec:economy", TrendingMode.TOP, DecayWindow.ONE_WEEK)));
        assertEquals(List.of("news.example"), lists.get(0).siteDomains());
        assertTrue(lists.stream().allMatch(list -> list.generatedAt().equals(NOW)));
    }

    @Test
    void sharesWeighThreeReadsButNoMoreThanTheReadsThemselves() {
        List<TrendingList> lists = rank(List.of(
                article("read", "world", 10, 0, Duration.ofHours(1)),
                article("shared", "world", 4, 3, Duration.ofHours(1)),
                article("spammed", "world", 2, 40, Duration.ofHours(1))), Map.of(), List.of(), NOW);
        TrendingList top = find(lists, CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_DAY);
        assertEquals(List.of("shared", "read", "spammed"), ids(top));
        TrendingEntry spammed = top.entries().get(2);
        assertEquals(spammed.breakdown().reads() * 4, spammed.score(), 1e-9, "forty shares count as no more than two reads' worth");
    }

    @Test
    void keepsTheFiftyBest() {
        List<ArticleSignals> articles = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            articles.add(article("a" + i, "world", i, 0, Duration.ofHours(3)));
        }
        TrendingList top = find(rank(articles, Map.of(), List.of(), NOW),
                CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_HOUR);
        assertEquals(TrendingList.MAX_ENTRIES, top.entries().size());
        assertEquals("a80", top.entries().get(0).articleId());
        assertEquals("a31", top.entries().get(49).articleId());
        assertEquals(50, top.entries().get(49).rank());
    }

    @Test
    void risingListsOnlyArticlesJudgedRisingBestSignificanceFirst() {
        ArticleSignals calm = article("calm", "world", 30, 0, Duration.ofDays(3));
        ArticleSignals breaking = article("breaking", "world", 30, 0, Duration.ofDays(3));
        ArticleSignals surging = article("surging", "world", 30, 0, Duration.ofDays(3));
        Map<String, RisingRule.Verdict> verdicts = Map.of(
                "calm", new RisingRule.Verdict(false, 30, 29, 1.03, 0.1, 0.1, 80),
                "breaking", new RisingRule.Verdict(true, 30, 3, 10, 7.5, 9, 8),
                "surging", new RisingRule.Verdict(true, 30, 10, 3, 4.2, 5, 27));
        List<TrendingList> lists = rank(List.of(calm, breaking, surging),
                Map.of(DecayWindow.ONE_DAY, verdicts), List.of(), NOW);
        TrendingList rising = find(lists, CounterKey.SITE_TOTAL, TrendingMode.RISING, DecayWindow.ONE_DAY);
        assertEquals(List.of("breaking", "surging"), ids(rising));
        assertEquals(7.5, rising.entries().get(0).score());
        assertEquals(10, rising.entries().get(0).breakdown().rising().growth());
        assertTrue(find(lists, CounterKey.SITE_TOTAL, TrendingMode.RISING, DecayWindow.ONE_HOUR).entries().isEmpty(),
                "no verdicts, no rising articles");
    }

    @Test
    void topAndFreshFollowThePublicationAge() {
        List<TrendingList> lists = rank(List.of(
                article("new", "world", 3, 0, Duration.ofHours(2)),
                article("older", "world", 6, 0, Duration.ofHours(30)),
                article("stale", "world", 9, 0, Duration.ofDays(8))), Map.of(), List.of(), NOW);
        assertEquals(List.of("older", "new"), ids(find(lists, CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_WEEK)));
        assertEquals(List.of("new"), ids(find(lists, CounterKey.SITE_TOTAL, TrendingMode.FRESH, DecayWindow.ONE_WEEK)));
    }

    @Test
    void pinsComeFirstAndExclusionsNeverShow() {
        List<Pin> pins = List.of(
                new Pin("demo-news", CounterKey.SITE_TOTAL, "quiet", PinAction.PIN, NOW.minusSeconds(60), NOW.plusSeconds(3600)),
                new Pin("demo-news", "sec:world", "loud", PinAction.EXCLUDE, NOW.minusSeconds(60), NOW.plusSeconds(3600)));
        List<TrendingList> lists = rank(List.of(
                article("loud", "world", 9, 0, Duration.ofHours(2)),
                article("middle", "world", 5, 0, Duration.ofHours(2)),
                article("quiet", "economy", 1, 0, Duration.ofHours(2))), Map.of(), pins, NOW);
        TrendingList site = find(lists, CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_DAY);
        assertEquals(List.of("quiet", "loud", "middle"), ids(site), "a section exclusion leaves the site's list alone");
        assertTrue(site.entries().get(0).pinned());
        assertEquals(List.of("middle"), ids(find(lists, "sec:world", TrendingMode.TOP, DecayWindow.ONE_DAY)));
        TrendingList economy = find(lists, "sec:economy", TrendingMode.TOP, DecayWindow.ONE_DAY);
        assertEquals(List.of("quiet"), ids(economy));
        assertFalse(economy.entries().get(0).pinned(), "a site-wide pin pins in the site's lists only");
        assertEquals(List.of("quiet"), ids(find(lists, CounterKey.SITE_TOTAL, TrendingMode.RISING, DecayWindow.ONE_DAY)),
                "a pin holds in every mode");
    }

    @Test
    void onlyWhatTheArticlesOwnPagesSayIsShownAndTheRestIsWanted() {
        List<ArticleSignals> articles = List.of(
                article("described", "world", 5, 0, Duration.ofHours(2)),
                article("claimed-only", "world", 9, 0, Duration.ofHours(2)));
        Map<String, ArticleMeta> described = Map.of("described",
                new ArticleMeta("described", "https://news.example/world/described", "The page's own headline", "World", NOW.minusSeconds(7200), null));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), articles, Map.of(), List.of(), described, NOW);
        TrendingList top = find(ranking.lists(), CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_DAY);
        assertEquals(List.of("described"), ids(top), "an article no page has described is never listed");
        assertEquals("The page's own headline", top.entries().get(0).title());
        assertEquals(List.of("claimed-only"), ranking.wanted(), "but the job is told to read its page");
        assertEquals(Map.of("described", 1), ranking.listed());
    }

    @Test
    void sectionsGetListsOnlyAsPagesNameThemAndNoMoreThanTheCap() {
        List<ArticleSignals> articles = new ArrayList<>();
        Map<String, ArticleMeta> described = new HashMap<>();
        for (int i = 0; i < TrendingRanker.MAX_SECTION_LISTS + 10; i++) {
            ArticleSignals article = article("a" + i, "claimed-section-" + i, 1 + i, 0, Duration.ofHours(2));
            articles.add(article);
            described.put(article.articleId(), new ArticleMeta(article.articleId(), "https://news.example/a" + i, "A" + i,
                    "Section " + i, NOW.minusSeconds(7200), null));
        }
        articles.add(article("flooder", "flood-section", 3, 0, Duration.ofHours(2)));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), articles, Map.of(), List.of(), described, NOW);
        long scopes = ranking.lists().stream().map(TrendingList::scope).distinct().count();
        assertEquals(1 + TrendingRanker.MAX_SECTION_LISTS, scopes, "the site and the most read sections");
        assertEquals(10, ranking.sectionsLeftOut());
        assertTrue(ranking.lists().stream().noneMatch(list -> list.scope().startsWith("sec:claimed") || list.scope().equals("sec:flood-section")),
                "a section a browser names gets no list");
        assertTrue(ranking.lists().stream().anyMatch(list -> list.scope().equals("sec:section-49")), "the most read section has its lists");
        assertTrue(ranking.lists().stream().noneMatch(list -> list.scope().equals("sec:section-0")), "the least read is counted, not listed");
    }

    @Test
    void anArticleWithoutHumanReadsIsNeverListedButAPinnedOneIs() {
        ArticleSignals unread = ArticleSignals.none("pinned-unread", TODAY, NOW);
        ArticleSignals botsOnly = ArticleSignals.none("bots-only", TODAY, NOW);
        Map<String, ArticleMeta> described = Map.of(
                "pinned-unread", new ArticleMeta("pinned-unread", "https://news.example/p", "Pinned", "World", NOW.minusSeconds(60), null),
                "bots-only", new ArticleMeta("bots-only", "https://news.example/b", "Bots", "World", NOW.minusSeconds(60), null));
        List<Pin> pins = List.of(new Pin("demo-news", CounterKey.SITE_TOTAL, "pinned-unread", PinAction.PIN, NOW.minusSeconds(5), NOW.plusSeconds(60)));
        List<TrendingList> lists = ranker.rank("demo-news", List.of("news.example"), List.of(unread, botsOnly), Map.of(), pins, described, NOW).lists();
        assertEquals(List.of("pinned-unread"), ids(find(lists, CounterKey.SITE_TOTAL, TrendingMode.TOP, DecayWindow.ONE_HOUR)));
    }

    @Test
    void withNothingDescribedAListAsksForItsLengthOfArticlesNotTheWholeSite() {
        List<ArticleSignals> articles = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            articles.add(article("a" + i, "world", i, 0, Duration.ofHours(2)));
        }
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), articles, Map.of(), List.of(), Map.of(), NOW);
        assertEquals(TrendingRanker.WANTED_PER_LIST, ranking.wanted().size(), "the best placed, once each");
        assertEquals("a2000", ranking.wanted().get(0));
        assertTrue(ranking.lists().stream().allMatch(list -> list.entries().isEmpty()));
    }

    /** The article's description as its page gives it, with these authors and tags. */
    static ArticleMeta describedWith(ArticleSignals article, List<String> authors, List<String> tags) {
        ArticleMeta claim = article.claim();
        return new ArticleMeta(article.articleId(), claim.url(), claim.title(), claim.section(), claim.publishedAt(), null, authors, tags);
    }

    static List<String> scopes(TrendingRanker.Ranking ranking, String prefix) {
        return ranking.lists().stream().map(TrendingList::scope).filter(scope -> scope.startsWith(prefix)).distinct().sorted().toList();
    }

    @Test
    void authorsAndTagsGetListsAsTheArticlesDescriptionsNameThem() {
        ArticleSignals summit = article("summit", "world", 9, 0, Duration.ofHours(2));
        ArticleSignals strike = article("strike", "economy", 5, 0, Duration.ofHours(2));
        ArticleSignals rates = article("rates", "economy", 3, 0, Duration.ofHours(2));
        Map<String, ArticleMeta> described = Map.of(
                "summit", describedWith(summit, List.of("Jane O'Neil"), List.of("Diplomacy", "Climate")),
                "strike", describedWith(strike, List.of("JANE O'NEIL", "Ravi Rao"), List.of("Labour")),
                "rates", describedWith(rates, List.of("Ravi Rao"), List.of()));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), List.of(summit, strike, rates),
                Map.of(), List.of(), described, NOW);
        assertEquals(List.of("aut:jane-o-neil", "aut:ravi-rao"), scopes(ranking, "aut:"));
        assertEquals(List.of("tag:climate", "tag:diplomacy", "tag:labour"), scopes(ranking, "tag:"));
        assertEquals((1 + 2 + 2 + 3) * 9, ranking.lists().size(), "(site + sections + authors + tags) x modes x windows");
        TrendingList jane = find(ranking.lists(), "aut:jane-o-neil", TrendingMode.TOP, DecayWindow.ONE_DAY);
        assertEquals(List.of("summit", "strike"), ids(jane), "one slug for both spellings");
        assertEquals("Jane O'Neil", jane.scopeName(), "spelt as its most read article spells it");
        assertEquals(2, jane.entries().get(1).rank(), "ranked within the author's list");
        assertEquals(List.of("strike", "rates"), ids(find(ranking.lists(), "aut:ravi-rao", TrendingMode.FRESH, DecayWindow.ONE_HOUR)));
        assertEquals("Labour", find(ranking.lists(), "tag:labour", TrendingMode.TOP, DecayWindow.ONE_WEEK).scopeName());
        assertEquals(null, find(ranking.lists(), "sec:world", TrendingMode.TOP, DecayWindow.ONE_DAY).scopeName());
    }

    @Test
    void aBrowsersClaimOfAuthorsAndTagsNeverMakesOrJoinsAList() {
        ArticleSignals honest = article("honest", "world", 5, 0, Duration.ofHours(2));
        ArticleSignals claimsJane = article("claims-jane", "world", 50, 0, Duration.ofHours(2), List.of("Jane Doe"), List.of("Climate"));
        ArticleSignals evil = article("evil", "world", 500, 0, Duration.ofHours(2), List.of("Evil"), List.of("Evil Tag"));
        ArticleSignals undescribed = article("undescribed", "world", 900, 0, Duration.ofHours(2), List.of("Jane Doe"), List.of("Climate"));
        Map<String, ArticleMeta> described = Map.of(
                "honest", describedWith(honest, List.of("Jane Doe"), List.of("Climate")),
                "claims-jane", describedWith(claimsJane, List.of(), List.of()),
                "evil", describedWith(evil, List.of(), List.of()));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), List.of(honest, claimsJane, evil, undescribed),
                Map.of(), List.of(), described, NOW);
        assertEquals(List.of("aut:jane-doe"), scopes(ranking, "aut:"), "no list for Evil, however read its article");
        assertEquals(List.of("tag:climate"), scopes(ranking, "tag:"));
        for (TrendingMode mode : TrendingMode.values()) {
            for (DecayWindow window : DecayWindow.values()) {
                assertEquals(mode == TrendingMode.RISING ? List.of() : List.of("honest"), ids(find(ranking.lists(), "aut:jane-doe", mode, window)),
                        "only the article whose description names her, in " + mode + " " + window);
            }
        }
        assertEquals(List.of("honest"), ids(find(ranking.lists(), "tag:climate", TrendingMode.TOP, DecayWindow.ONE_DAY)));
        assertEquals(List.of("undescribed"), ranking.wanted(), "the undescribed article is wanted for the site's lists, as before");
    }

    @Test
    void onlyTheMostReadAuthorsAndTagsGetLists() {
        List<ArticleSignals> articles = new ArrayList<>();
        Map<String, ArticleMeta> described = new HashMap<>();
        int named = TrendingRanker.MAX_AUTHOR_LISTS + 15;
        for (int i = 0; i < named; i++) {
            ArticleSignals article = article("a" + i, "world", 1 + i, 0, Duration.ofHours(2));
            articles.add(article);
            described.put(article.articleId(), describedWith(article, List.of("Author " + i), List.of("Tag " + i, "Everywhere")));
        }
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), articles, Map.of(), List.of(), described, NOW);
        List<String> authors = scopes(ranking, "aut:");
        List<String> tags = scopes(ranking, "tag:");
        assertEquals(TrendingRanker.MAX_AUTHOR_LISTS, authors.size());
        assertEquals(TrendingRanker.MAX_TAG_LISTS, tags.size());
        assertTrue(authors.contains("aut:author-24") && authors.contains("aut:author-15") && !authors.contains("aut:author-14"),
                "the ten most read: " + authors);
        assertTrue(tags.contains("tag:everywhere") && tags.contains("tag:tag-24") && !tags.contains("tag:tag-15"),
                "a tag on every article weighs them all: " + tags);
        assertEquals((1 + 1 + TrendingRanker.MAX_AUTHOR_LISTS + TrendingRanker.MAX_TAG_LISTS) * 9, ranking.lists().size());
    }

    @Test
    void authorAndTagListsWantNoPageAndAddNoPlaceToRefresh() {
        List<ArticleSignals> articles = new ArrayList<>();
        Map<String, ArticleMeta> described = new HashMap<>();
        for (int i = 0; i < TrendingList.MAX_ENTRIES + 10; i++) {
            ArticleSignals article = article("a" + i, "world", 100 + i, 0, Duration.ofHours(2));
            articles.add(article);
            described.put(article.articleId(), describedWith(article, List.of("Staff"), List.of()));
        }
        ArticleSignals least = article("least", "world", 1, 0, Duration.ofHours(2));
        articles.add(least);
        described.put("least", describedWith(least, List.of("Stringer"), List.of("Local")));
        articles.add(article("unread-page", "world", 2, 0, Duration.ofHours(2), List.of("Stringer"), List.of("Local")));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), articles, Map.of(), List.of(), described, NOW);
        assertEquals(List.of("least"), ids(find(ranking.lists(), "aut:stringer", TrendingMode.TOP, DecayWindow.ONE_DAY)));
        assertFalse(ranking.listed().containsKey("least"), "its place in the author's list asks for no refresh of its page");
        assertTrue(ranking.wanted().isEmpty(), "an undescribed article below the site's fifty is wanted by no author or tag list");
    }

    @Test
    void aSiteWideExclusionHoldsInAuthorAndTagLists() {
        ArticleSignals loud = article("loud", "world", 9, 0, Duration.ofHours(2));
        ArticleSignals quiet = article("quiet", "world", 2, 0, Duration.ofHours(2));
        Map<String, ArticleMeta> described = Map.of(
                "loud", describedWith(loud, List.of("Jane Doe"), List.of("Climate")),
                "quiet", describedWith(quiet, List.of("Jane Doe"), List.of("Climate")));
        List<Pin> pins = List.of(new Pin("demo-news", CounterKey.SITE_TOTAL, "loud", PinAction.EXCLUDE, NOW.minusSeconds(60), NOW.plusSeconds(3600)));
        TrendingRanker.Ranking ranking = ranker.rank("demo-news", List.of("news.example"), List.of(loud, quiet), Map.of(), pins, described, NOW);
        assertEquals(List.of("quiet"), ids(find(ranking.lists(), "aut:jane-doe", TrendingMode.TOP, DecayWindow.ONE_DAY)));
        assertEquals(List.of("quiet"), ids(find(ranking.lists(), "tag:climate", TrendingMode.TOP, DecayWindow.ONE_DAY)));
    }
}
