package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.EventType;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.TrackedEvent;
import io.readpulse.sketch.HyperLogLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure fold of a batch into per-minute active readers, and the unions {@code now} makes of them. */
class ActiveReadersFoldTest {
    static final Instant MINUTE = Instant.parse("2026-11-29T10:30:00Z");
    final ActiveReadersFold fold = new ActiveReadersFold();

    static TrackedEvent event(EventType type, String article, Instant at, int visitor, boolean bot) {
        return new TrackedEvent("s", type, article, at, null, "vk-" + visitor, slot(visitor), bot, false, null, null,
                type == EventType.ENGAGE ? 15 : 0, type == EventType.SHARE ? ShareNetwork.X : null);
    }

    /** A visitor's sketch slot, as collection derives it from a 64-bit hash. */
    static int slot(int visitor) {
        return HyperLogLog.slotOf(new Random(visitor * 0x9E3779B97F4A7C15L).nextLong());
    }

    @Test
    void eachEventGoesToItsOwnMinuteAndViewsAreCountedApartFromPingsAndShares() {
        List<ActiveMinute> minutes = fold.fold(List.of(
                event(EventType.VIEW, "a1", MINUTE.plusSeconds(5), 1, false),
                event(EventType.ENGAGE, "a1", MINUTE.plusSeconds(50), 1, false),
                event(EventType.ENGAGE, "a2", MINUTE.plusSeconds(59), 2, false),
                event(EventType.VIEW, "a2", MINUTE.plusSeconds(60), 2, false),
                event(EventType.SHARE, "a2", MINUTE.plusSeconds(61), 3, false)));
        assertEquals(2, minutes.size());
        ActiveMinute first = minutes.get(0);
        assertEquals(MINUTE, first.minute());
        assertEquals(1, first.views());
        assertEquals(2, first.readers().estimate(), "visitors 1 and 2 were active at 10:30");
        assertEquals(1, first.articles().get("a1").readers().estimate());
        assertEquals(0, first.articles().get("a2").views(), "a ping is activity, not a view");
        ActiveMinute second = minutes.get(1);
        assertEquals(MINUTE.plusSeconds(60), second.minute());
        assertEquals(1, second.views());
        assertEquals(2, second.readers().estimate(), "a share is activity too");
    }

    @Test
    void botsAreNotReaders() {
        List<ActiveMinute> minutes = fold.fold(List.of(event(EventType.VIEW, "a1", MINUTE, 1, true),
                event(EventType.VIEW, "a1", MINUTE, 2, false)));
        assertEquals(1, minutes.get(0).views());
        assertEquals(1, minutes.get(0).readers().estimate());
        assertTrue(fold.fold(List.of(event(EventType.VIEW, "a1", MINUTE, 1, true))).isEmpty(), "a bot alone makes no minute");
    }

    @Test
    void aVisitorInTwoBatchesOfTheSameMinuteCountsOnceWhenTheyMerge() {
        ActiveMinute first = fold.fold(List.of(event(EventType.VIEW, "a1", MINUTE, 1, false), event(EventType.VIEW, "a1", MINUTE, 2, false))).get(0);
        ActiveMinute second = fold.fold(List.of(event(EventType.ENGAGE, "a1", MINUTE.plusSeconds(30), 1, false),
                event(EventType.VIEW, "a2", MINUTE.plusSeconds(40), 3, false))).get(0);
        ActiveMinute merged = first.plus(second);
        assertEquals(3, merged.readers().estimate());
        assertEquals(3, merged.views());
        assertEquals(2, merged.articles().get("a1").readers().estimate());
        assertEquals(2, merged.articles().get("a1").views());
        assertEquals(merged.readers(), second.plus(first).readers(), "the order of batches does not matter");
        assertEquals(2, first.readers().estimate(), "plus leaves both sides as they were");
        assertThrows(IllegalArgumentException.class, () -> first.plus(ActiveMinute.empty("s", MINUTE.plusSeconds(60))));
    }

    @Test
    void aMinuteKeepsItsMostViewedArticlesOnly() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int article = 0; article < ActiveMinute.MAX_ARTICLES + 20; article++) {
            for (int view = 0; view <= article; view++) {
                events.add(event(EventType.VIEW, "a" + article, MINUTE, view, false));
            }
        }
        ActiveMinute minute = fold.fold(events).get(0);
        assertEquals(ActiveMinute.MAX_ARTICLES, minute.articles().size());
        assertTrue(minute.articles().containsKey("a69") && !minute.articles().containsKey("a19"), "the 20 least viewed are dropped");
        assertEquals(events.size(), minute.views(), "the minute's views are all counted");
        ActiveMinute again = minute.plus(fold.fold(List.of(event(EventType.VIEW, "new", MINUTE, 1, false))).get(0));
        assertEquals(ActiveMinute.MAX_ARTICLES, again.articles().size(), "merging keeps the cap");
    }

    @Test
    void theUnionOfMinutesCountsAReaderActiveInSeveralOfThemOnce() {
        // 3,000 readers each active in one to six of six minutes: the union is the distinct count,
        // within three standard errors (3 x 1.04 / sqrt(4096) = 4.9%); the per-minute sum is far above it.
        Random random = new Random(17);
        List<ActiveMinute> minutes = new ArrayList<>();
        Set<Integer> distinct = new HashSet<>();
        long perMinuteSum = 0;
        for (int m = 0; m < 6; m++) {
            List<TrackedEvent> events = new ArrayList<>();
            Set<Integer> thisMinute = new HashSet<>();
            for (int reader = 0; reader < 3000; reader++) {
                if (random.nextInt(6) <= m % 3 + 2) {
                    events.add(event(EventType.ENGAGE, "a" + reader % 40, MINUTE.plus(Duration.ofMinutes(m)), reader, false));
                    thisMinute.add(reader);
                }
            }
            distinct.addAll(thisMinute);
            perMinuteSum += thisMinute.size();
            ActiveMinute minute = fold.fold(events).get(0);
            assertWithinThreeSigma(thisMinute.size(), minute.readers().estimate(), ActiveMinute.SITE_PRECISION);
            minutes.add(minute);
        }
        HyperLogLog union = new HyperLogLog(ActiveMinute.SITE_PRECISION);
        minutes.forEach(minute -> union.merge(minute.readers()));
        assertWithinThreeSigma(distinct.size(), union.estimate(), ActiveMinute.SITE_PRECISION);
        assertTrue(perMinuteSum > distinct.size() * 2, "summing minutes would count a reader again each minute");
    }

    @Test
    void aChartFigureTakesTheLargerOfTwoInAnyOrder() {
        MinuteFigures early = new MinuteFigures(MINUTE, 10, 30);
        MinuteFigures later = new MinuteFigures(MINUTE, 12, 31);
        assertEquals(later, early.max(later));
        assertEquals(later, later.max(early));
        assertEquals(later, later.max(later).max(early));
    }

    static void assertWithinThreeSigma(long exact, long estimate, int precision) {
        double bound = 3 * 1.04 / Math.sqrt(1 << precision);
        assertTrue(Math.abs(estimate - exact) <= exact * bound, "estimated " + estimate + " of " + exact + ", bound " + bound);
    }
}
