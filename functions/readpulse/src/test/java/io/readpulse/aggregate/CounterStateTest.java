package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.readpulse.model.ArticleMeta;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge, carry-over and capping rules of a counter item, without an engine. */
class CounterStateTest {
    static final Instant PUBLISHED = Instant.parse("2026-11-29T06:00:00Z");
    static final ArticleMeta FULL = new ArticleMeta("a1", "https://news.example/a1", "Title", "World", PUBLISHED, "https://news.example/a1.jpg");

    static CounterDelta delta(long views, ArticleMeta meta, String section) {
        DayCounts.Builder delta = new DayCounts.Builder(10).views(views).reads(views).hourlyViews(10, views).share("x", 1)
                .referrerHost("google.com", views).decayedReads(DecayWindow.ONE_DAY, views * 2.0).meta(meta).sectionSlug(section);
        delta.visitors.offerSlot(7);
        return delta.buildDelta();
    }

    @Test
    void aDeltaAddsEveryCount() {
        CounterState state = CounterState.empty(10).plus(delta(3, null, null)).plus(delta(4, null, null));
        assertEquals(7, state.views());
        assertEquals(7, state.reads());
        assertEquals(7, state.hourlyViews(10));
        assertEquals(2, state.shares().get("x"));
        assertEquals(7, state.referrerHosts().get("google.com"));
        assertEquals(14.0, state.decayedReads(DecayWindow.ONE_DAY), 1e-9);
        assertEquals(1, state.visitors().estimate());
    }

    @Test
    void addingLeavesBothSidesAsTheyWere() {
        CounterState before = CounterState.empty(10).plus(delta(3, FULL, "world"));
        CounterDelta delta = delta(4, null, null);
        CounterState after = before.plus(delta);
        assertEquals(3, before.views());
        assertEquals(4, delta.views());
        assertEquals(7, after.views());
        assertThrows(UnsupportedOperationException.class, () -> after.shares().put("x", 0L));
        after.hourlyViews()[10] = 0;
        assertEquals(7, after.hourlyViews(10), "arrays are handed out as copies");
    }

    @Test
    void aBuilderCannotChangeWhatItBuilt() {
        DayCounts.Builder builder = new DayCounts.Builder(10).views(1);
        CounterState built = builder.buildState();
        assertThrows(IllegalStateException.class, () -> builder.views(2));
        assertEquals(1, built.views());
    }

    @Test
    void theNewerClaimWinsButAUrlAloneKeepsTheTitle() {
        CounterState titled = CounterState.empty(10).plus(delta(1, FULL, "world"));
        ArticleMeta urlOnly = new ArticleMeta("a1", "https://news.example/a1?moved", null, null, null, null);
        CounterState moved = titled.plus(delta(1, urlOnly, null));
        assertEquals("https://news.example/a1?moved", moved.meta().url());
        assertEquals("Title", moved.meta().title());
        assertEquals("World", moved.meta().section());
        assertEquals(PUBLISHED, moved.meta().publishedAt());
        assertEquals("world", moved.sectionSlug(), "a delta naming no section leaves it");

        ArticleMeta retitled = new ArticleMeta("a1", "https://news.example/a1", "New title", "Politics", null, null);
        CounterState renamed = moved.plus(delta(1, retitled, "politics"));
        assertEquals(retitled, renamed.meta(), "a claim with a title replaces the whole claim");
        assertEquals("politics", renamed.sectionSlug());

        assertSame(FULL, titled.plus(delta(1, null, null)).meta(), "a delta without a claim keeps the item's");
        assertEquals(urlOnly, CounterState.empty(10).plus(delta(1, urlOnly, null)).meta(), "a URL alone is a claim where none was");
    }

    @Test
    void aNewDayCarriesTheScoresRescaledAndTheMetadataButNoCounts() {
        CounterState yesterday = CounterState.empty(10).plus(delta(5, FULL, "world"));
        CounterState today = yesterday.nextDay();
        assertEquals(0, today.views());
        assertEquals(0, today.reads());
        assertEquals(0, today.hourlyViews(10));
        assertEquals(Map.of(), today.shares());
        assertEquals(Map.of(), today.referrerHosts());
        assertEquals(0, today.visitors().estimate());
        assertEquals(FULL, today.meta());
        assertEquals("world", today.sectionSlug());
        // 10 at yesterday's epoch is 10 / growth(one day) at today's: the same present value.
        assertEquals(10.0 / DecayWindow.ONE_DAY.growth(86_400), today.decayedReads(DecayWindow.ONE_DAY), 1e-12);
        double presentYesterday = DecayWindow.ONE_DAY.decayedValue(yesterday.decayedReads(DecayWindow.ONE_DAY), 86_400 + 3_600);
        double presentToday = DecayWindow.ONE_DAY.decayedValue(today.decayedReads(DecayWindow.ONE_DAY), 3_600);
        assertEquals(presentYesterday, presentToday, 1e-9);
    }

    @Test
    void referringHostsBeyondTheCapAreFoldedIntoOther() {
        DayCounts.Builder many = new DayCounts.Builder(10).referrerHost("a.example", 50).referrerHost("b.example", 40)
                .referrerHost("c.example", 30).referrerHost("d.example", 20).referrerHost(DayCounts.OTHER_HOSTS, 5);
        CounterState capped = many.buildState().withReferrerHostsCapped(3);
        assertEquals(Map.of("a.example", 50L, "b.example", 40L, DayCounts.OTHER_HOSTS, 55L), capped.referrerHosts());
        CounterState few = CounterState.empty(10).plus(delta(1, null, null));
        assertSame(few, few.withReferrerHostsCapped(3));
    }

    @Test
    void projectionsCarryWhatTheirReadersNeed() {
        CounterState state = CounterState.empty(10).plus(delta(5, FULL, "world"));
        RankingInputs ranking = state.rankingInputs();
        assertEquals(5, ranking.reads());
        assertEquals(10.0, ranking.decayedReads(DecayWindow.ONE_DAY), 1e-12);
        assertEquals(1, ranking.visitors());
        assertEquals("world", ranking.sectionSlug());
        assertEquals(FULL, ranking.meta());
        ReadsBaseline baseline = state.readsBaseline();
        assertEquals(5, baseline.reads());
        assertNull(CounterState.empty(10).meta());
    }
}
