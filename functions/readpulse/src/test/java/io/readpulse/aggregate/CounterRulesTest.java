package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.readpulse.model.ArticleMeta;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** How a batch's deltas become changes of items: starting points, late scores, the order of days. */
class CounterRulesTest {
    static final LocalDate YESTERDAY = LocalDate.parse("2026-11-28");
    static final LocalDate TODAY = LocalDate.parse("2026-11-29");
    static final CounterKey ARTICLE_YESTERDAY = CounterKey.article("s", YESTERDAY, "a1");
    static final CounterKey ARTICLE_TODAY = CounterKey.article("s", TODAY, "a1");
    static final ArticleMeta META = new ArticleMeta("a1", "https://news.example/a1", "Title", null, null, null);

    static CounterDelta reads(long reads, double decayed) {
        return new DayCounts.Builder(10).views(reads).reads(reads).decayedReads(DecayWindow.ONE_WEEK, decayed).buildDelta();
    }

    @Test
    void aNewItemStartsFromTheDayBeforeOrFromNothing() {
        CounterState yesterday = CounterState.empty(10).plus(reads(4, 8)).plus(
                new DayCounts.Builder(10).meta(META).sectionSlug("world").buildDelta());
        CounterChange add = CounterRules.add(ARTICLE_TODAY, reads(1, 1));

        CounterState carried = add.apply(null, yesterday);
        assertEquals(1, carried.reads(), "counts start again");
        assertEquals(8 / DecayWindow.ONE_WEEK.growth(86_400) + 1, carried.decayedReads(DecayWindow.ONE_WEEK), 1e-12);
        assertEquals(META, carried.meta());
        assertEquals("world", carried.sectionSlug());

        assertEquals(1, add.apply(null, null).reads());
        assertEquals(5, add.apply(yesterday, null).reads(), "an existing item is added to");
    }

    @Test
    void addingHoldsTheReferringHostsToTheKeysCap() {
        DayCounts.Builder hosts = new DayCounts.Builder(10);
        for (int i = 0; i < ARTICLE_TODAY.referrerHostCap() + 10; i++) {
            hosts.referrerHost("host" + i + ".example", i + 1);
        }
        CounterState state = CounterRules.add(ARTICLE_TODAY, hosts.buildDelta()).apply(null, null);
        assertEquals(ARTICLE_TODAY.referrerHostCap(), state.referrerHosts().size());
    }

    @Test
    void lateScoresGoOnlyToItemsThatExist() {
        CounterDelta late = reads(0, 3);
        CounterChange forward = CounterRules.forwardLateScores(late, null);
        assertNull(forward.apply(null, CounterState.empty(10)), "an item not yet created will carry the scores over itself");
        CounterState existing = CounterState.empty(10).plus(reads(2, 2));
        assertEquals(5, forward.apply(existing, null).decayedReads(DecayWindow.ONE_WEEK), 1e-12);

        CounterChange both = CounterRules.forwardLateScores(late, CounterRules.add(ARTICLE_TODAY, reads(1, 1)));
        assertEquals(6, both.apply(existing, null).decayedReads(DecayWindow.ONE_WEEK), 1e-12);
        assertEquals(3, both.apply(existing, null).reads());
        assertEquals(1, both.apply(null, null).decayedReads(DecayWindow.ONE_WEEK), 1e-12, "a new item gets its own delta alone");
    }

    @Test
    void aBatchIsPlannedDayByDayAndAPastDaysArticleScoresGoForward() {
        Map<CounterKey, CounterDelta> deltas = new LinkedHashMap<>();
        deltas.put(ARTICLE_TODAY, reads(1, 1));
        deltas.put(ARTICLE_YESTERDAY, reads(2, 10));
        deltas.put(CounterKey.siteTotal("s", YESTERDAY), reads(2, 10));
        SortedMap<LocalDate, Map<CounterKey, CounterChange>> plan = CounterRules.plan(deltas, TODAY);

        assertEquals(List.of(YESTERDAY, TODAY), List.copyOf(plan.keySet()));
        assertEquals(List.of(ARTICLE_TODAY), List.copyOf(plan.get(TODAY).keySet()), "only article scores are forwarded");
        CounterState todayBefore = CounterState.empty(10).plus(reads(5, 5));
        CounterState todayAfter = plan.get(TODAY).get(ARTICLE_TODAY).apply(todayBefore, null);
        assertEquals(6, todayAfter.reads());
        assertEquals(5 + 1 + 10 / DecayWindow.ONE_WEEK.growth(86_400), todayAfter.decayedReads(DecayWindow.ONE_WEEK), 1e-12);
    }

    @Test
    void aPastDaysScoresGoForwardEvenWithoutEventsOfTheNextDay() {
        SortedMap<LocalDate, Map<CounterKey, CounterChange>> plan = CounterRules.plan(Map.of(ARTICLE_YESTERDAY, reads(1, 4)), TODAY);
        assertEquals(List.of(YESTERDAY, TODAY), List.copyOf(plan.keySet()));
        assertNull(plan.get(TODAY).get(ARTICLE_TODAY).apply(null, CounterState.empty(10)), "no item of today: nothing written");
    }

    @Test
    void todaysEventsAloneForwardNothing() {
        SortedMap<LocalDate, Map<CounterKey, CounterChange>> plan = CounterRules.plan(Map.of(ARTICLE_TODAY, reads(1, 1)), TODAY);
        assertEquals(List.of(TODAY), List.copyOf(plan.keySet()));
    }
}
