package io.readpulse.trending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.readpulse.aggregate.DayCounters;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.sketch.HyperLogLog;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArticleSignalsTest {
    static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    static DayCounters day(long reads, int visitors, double decayedReads) {
        DayCounters counters = new DayCounters(10);
        counters.setReads(reads);
        HyperLogLog sketch = new HyperLogLog(10);
        for (int i = 0; i < visitors; i++) {
            sketch.offerSlot(HyperLogLog.slotOf(i * 0x9E3779B97F4A7C15L + 12345));
        }
        counters.setVisitors(sketch);
        for (DecayWindow window : DecayWindow.values()) {
            counters.setDecayedReads(window, decayedReads);
        }
        counters.setMeta(new ArticleMeta("a", "https://news.example/a", "A", "World", Instant.parse("2026-11-28T06:00:00Z"), null));
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
    void readsBeyondOneAndAHalfPerVisitorAreDiscounted() {
        ArticleSignals flooded = ArticleSignals.of("a", day(30, 2, 30), null, TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertEquals(2, flooded.visitors());
        assertEquals(0.1, flooded.floodFactor(), 1e-9);
        assertEquals(3.0, flooded.reads(DecayWindow.ONE_HOUR), 1e-9);
    }

    @Test
    void visitorsAreTheUnionOfTodayAndYesterday() {
        ArticleSignals signals = ArticleSignals.of("a", day(5, 5, 5), day(5, 5, 0), TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertEquals(10, signals.recentReads());
        assertEquals(5, signals.visitors(), "the same five readers on both days");
        assertEquals(0.75, signals.floodFactor(), 1e-9);
    }

    @Test
    void anArticleWithoutAViewHasNoTitleAndCannotBeListed() {
        DayCounters engagedOnly = day(0, 0, 0);
        engagedOnly.setMeta(null);
        ArticleSignals signals = ArticleSignals.of("a", engagedOnly, null, TODAY, Instant.parse("2026-11-29T00:00:00Z"));
        assertNull(signals.meta());
        assertEquals(false, signals.listable());
    }
}
