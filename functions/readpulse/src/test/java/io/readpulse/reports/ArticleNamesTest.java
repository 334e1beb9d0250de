package io.readpulse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.CounterState;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.ArticleRecord;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping articles by author and tag: where the names come from, the sums, and unique visitors as a union. */
class ArticleNamesTest {
    static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

    static ArticleMeta meta(String id, List<String> authors, List<String> tags) {
        return new ArticleMeta(id, "https://news.example/" + id, "Title", "World", AT, null, authors, tags);
    }

    static ArticleRecord described(String id, List<String> authors, List<String> tags) {
        return ArticleRecord.unknown("s", id).read(meta(id, authors, tags), ArticleRecord.Source.PAGE, AT, null);
    }

    /** An article's day: views and reads at 10:00, engaged seconds, a share, and these visitors' sketch slots. */
    static Totals day(long views, long seconds, int... slots) {
        HyperLogLog visitors = new HyperLogLog(10);
        for (int slot : slots) {
            visitors.offerSlot(slot);
        }
        CounterState state = CounterState.builder(10).views(views).reads(views).engagedSeconds(seconds)
                .hourlyViews(10, views).hourlyReads(10, views).hourlyEngagedSeconds(10, seconds).hourlyShares(10, 1).share("x", 1)
                .visitors(visitors).buildState();
        Totals totals = new Totals();
        totals.addHours(state, 0, 24);
        totals.addWholeDay(state);
        return totals;
    }

    /** A reader's sketch slot, on register {@code n} at precision 10 (the 12-bit index in the slot's high bits). */
    static int reader(int n) {
        return (n << 2) << 6 | 1;
    }

    @Test
    void aDescriptionThatNamesAuthorsWinsOverTheClaimElseTheClaimIsUsedAndSaysSo() {
        ArticleNames.Named fromPage = ArticleNames.of(described("a", List.of("Ana"), List.of()), meta("a", List.of("Mallory"), List.of("Cup")));
        assertEquals(List.of("Ana"), fromPage.authors());
        assertFalse(fromPage.authorsClaimed());
        assertEquals(List.of("Cup"), fromPage.tags(), "the description names no tags: the claim's");
        assertTrue(fromPage.tagsClaimed());

        ArticleNames.Named unread = ArticleNames.of(ArticleRecord.unknown("s", "b"), meta("b", List.of("Bo", "Bo"), List.of()));
        assertEquals(List.of("Bo"), unread.authors(), "a name given twice counts once");
        assertTrue(unread.authorsClaimed());
        assertEquals(ArticleNames.Named.NONE, ArticleNames.of(null, null));
    }

    @Test
    void anArticleCountsInFullUnderEachOfItsNamesAndAReaderOfTwoCountsOnce() {
        Map<String, Totals> articles = new LinkedHashMap<>();
        articles.put("a", day(3, 40, reader(1), reader(2), reader(3)));
        articles.put("b", day(2, 20, reader(3), reader(4)));
        articles.put("c", day(5, 0, reader(5)));
        Map<String, ArticleNames.Named> names = Map.of(
                "a", ArticleNames.of(null, meta("a", List.of("Ana", "Bo"), List.of("Cup"))),
                "b", ArticleNames.of(described("b", List.of("Ana"), List.of("Cup", "Final")), null),
                "c", ArticleNames.of(null, meta("c", List.of(), List.of())));

        List<ArticleNames.Group> authors = ArticleNames.group(articles, names::get, ArticleNames.Grouping.AUTHOR);
        assertEquals(List.of("Ana", "Bo"), authors.stream().map(ArticleNames.Group::name).toList(), "most viewed first; c has no author");
        ArticleNames.Group ana = authors.get(0);
        assertEquals(5, ana.totals().views());
        assertEquals(60, ana.totals().engagedSeconds());
        assertEquals(2, ana.totals().shares());
        assertEquals(4, ana.totals().visitors(), "the reader of both articles (reader 3) counts once");
        assertEquals(2, ana.articles());
        assertEquals(1, ana.namedByClaims());
        assertEquals(3, authors.get(1).totals().views(), "an article with two authors counts in full under both");

        List<ArticleNames.Group> tags = ArticleNames.group(articles, names::get, ArticleNames.Grouping.TAG);
        assertEquals(List.of("Cup", "Final"), tags.stream().map(ArticleNames.Group::name).toList());
        assertEquals(5, tags.get(0).totals().views());
    }

    @Test
    void theFiltersMatchANameExactly() {
        ArticleNames.Named named = ArticleNames.of(null, meta("a", List.of("Ana Lima"), List.of("Cup")));
        assertTrue(ArticleNames.matches(named, "Ana Lima", null));
        assertTrue(ArticleNames.matches(named, "Ana Lima", "Cup"));
        assertTrue(ArticleNames.matches(named, null, null));
        assertFalse(ArticleNames.matches(named, "ana lima", null));
        assertFalse(ArticleNames.matches(named, "Ana Lima", "Final"));
    }
}
