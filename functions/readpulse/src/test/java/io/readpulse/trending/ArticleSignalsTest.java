package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.readpulse.aggregate.CounterState;
import io.readpulse.aggregate.DayCounts;
import io.readpulse.aggregate.RankingInputs;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArticleSignalsTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    static RankingInputs day(long reads, int visitors, double decayedReads) {
        return counts(reads, visitors, decayedReads).buildState().rankingInputs();
    }

    static DayCounts.Builder counts(long reads, int visitors, double decayedReads) {
        DayCounts.Builder counters = CounterState.builder(10);
        counters.reads(reads);
        HyperLogLog sketch = new HyperLogLog(10);
        for (int i = 0; i < visitors; i++) {
            sketch.offerSlot(HyperLogLog.slotOf(i * 0x9E3779B97F4A7C15L + 12345));
        }
        counters.visitors(sketch);
        for (DecayWindow window : DecayWindow.values()) {
            counters.decayedReads(window, decayedReads);
        }
        counters.meta(new ArticleMeta("a", "https://news.example/a", "A", "World", Instant.parse("2026-11-28T06:00:00Z"), null));
        return counters;
    }

    @Test
    void yesterdaysItemIsRebasedToNowWhenThereIsNoneToday() {
        // 10 forward-decayed reads at yesterday's midnight, seen 24 hours later: four half-lives of 6 hours.
        ArticleSignals signals = ArticleSignals.of("a", null, day(10, 10, 10), TODAY, TODAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        assertEquals(10 / 16.0, signals.reads(DecayWindow.ONE_DAY), 1e-9);
        assertEquals(1.0, signals.floodFactor());
    }

    @Test
    void readsBeyondOnePointOnePerVisitorAreDiscounted() {
        ArticleSignals flooded = ArticleSignals.of("a", day(33, 3, 33), null, TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertEquals(3, flooded.visitors());
        assertEquals(0.1, flooded.floodFactor(), 1e-9);
        assertEquals(3.3, flooded.reads(DecayWindow.ONE_HOUR), 1e-9);
    }

    @Test
    void todaysItemIsUsedWhereItExistsAndYesterdaysReadsAreKeptForTheBaseline() {
        ArticleSignals signals = ArticleSignals.of("a", day(5, 5, 5), day(40, 2, 0), TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertEquals(5, signals.recentReads());
        assertEquals(1.0, signals.floodFactor(), "yesterday's flood does not discount today's readers");
        assertEquals(40, signals.previousDayReads());
        assertEquals(5.0, signals.reads(DecayWindow.ONE_WEEK), 1e-9);
    }

    @Test
    void agingDecaysEveryWindowAtItsOwnRate() {
        ArticleSignals now = ArticleSignals.of("a", day(8, 8, 8), null, TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        ArticleSignals later = now.agedTo(Instant.parse("2026-11-29T06:00:00Z"));
        assertEquals(8.0 / 4096, later.reads(DecayWindow.ONE_HOUR), 1e-9, "twelve half-lives of 30 minutes");
        assertEquals(4.0, later.reads(DecayWindow.ONE_DAY), 1e-9, "one half-life of 6 hours");
        assertEquals(8 / Math.pow(2, 0.125), later.reads(DecayWindow.ONE_WEEK), 1e-9);
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), later.asOf());
        assertEquals(8, later.recentReads());
    }

    @Test
    void aRereadArticleKeepsWhatTheEarlierReadingKnewOfThePreviousDay() {
        ArticleSignals fromYesterdayOnly = ArticleSignals.of("a", null, day(30, 30, 30), TODAY, Instant.parse("2026-11-29T00:05:00Z"));
        RankingInputs today = counts(3, 3, 3).meta(null).buildState().rankingInputs();
        ArticleSignals reread = ArticleSignals.of("a", today, null, TODAY, Instant.parse("2026-11-29T00:10:00Z"))
                .withEarlierKnowledge(fromYesterdayOnly);
        assertEquals(30, reread.previousDayReads(), "yesterday's reads were the earlier reading's latest day");
        assertEquals(3, reread.recentReads());
        assertEquals("A", reread.claim().title(), "the claim the earlier reading had");
    }

    @Test
    void anArticleWithoutHumanReadsHasNoReaders() {
        RankingInputs botsOnly = counts(0, 0, 0).bots(40).buildState().rankingInputs();
        ArticleSignals signals = ArticleSignals.of("a", botsOnly, null, TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertFalse(signals.hasReaders());
        assertTrue(ArticleSignals.of("a", day(2, 2, 2), null, TODAY, Instant.parse("2026-11-29T00:00:00Z")).hasReaders());
    }
}
