package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchAggregatorTest {
    static final Instant AT = Instant.parse("2026-11-29T10:30:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-29");
    static final ArticleMeta META = new ArticleMeta("a1", "https://news.example/a1", "Title", "World", AT, null);

    static TrackedEvent view(String visitor, boolean repeat, boolean bot) {
        return new TrackedEvent("s", EventType.VIEW, "a1", AT, META, visitor, 64, bot, repeat, "google.com", ReferrerClass.SEARCH, 0, null);
    }

    @Test
    void oneVisitorReloadingAThousandTimesIsOneReadButAThousandViews() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(view("visitor-1", i > 0, false));
        }
        CounterDelta article = new BatchAggregator().aggregate(events).get(CounterKey.article("s", DAY, "a1"));
        assertEquals(1000, article.views());
        assertEquals(1, article.reads());
        assertEquals(1000, article.hourlyViews()[10]);
        assertEquals(1, article.visitors().estimate());
    }

    @Test
    void botsAreCountedApartFromReaders() {
        Map<CounterKey, CounterDelta> deltas = new BatchAggregator().aggregate(List.of(view("v1", false, true), view("v2", false, false)));
        CounterDelta site = deltas.get(CounterKey.siteTotal("s", DAY));
        assertEquals(1, site.bots());
        assertEquals(1, site.views());
        assertEquals(1, deltas.get(CounterKey.section("s", DAY, "world")).views());
    }

    @Test
    void engagementIsCappedPerVisitorAndSharesCountedPerNetwork() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(new TrackedEvent("s", EventType.ENGAGE, "a1", AT, null, "v1", 64, false, false, null, null, 15, null));
        }
        events.add(new TrackedEvent("s", EventType.SHARE, "a1", AT, null, "v1", 64, false, false, null, null, 0, ShareNetwork.WHATSAPP));
        CounterDelta article = new BatchAggregator().aggregate(events).get(CounterKey.article("s", DAY, "a1"));
        assertEquals(BatchAggregator.MAX_ENGAGED_SECONDS_PER_VISITOR_AND_BATCH, article.engagedSeconds());
        assertEquals(100, article.engagePings());
        assertEquals(1, article.shares().get("whatsapp"));
    }

    @Test
    void decayedScoresHalveOverEachWindowsHalfLife() {
        CounterDelta article = new BatchAggregator().aggregate(List.of(view("v1", false, false))).get(CounterKey.article("s", DAY, "a1"));
        double secondsIntoDay = 10.5 * 3600;
        double now = article.decayedReads(DecayWindow.ONE_HOUR);
        assertEquals(1.0, DecayWindow.ONE_HOUR.decayedValue(now, secondsIntoDay), 1e-9);
        assertEquals(0.5, DecayWindow.ONE_HOUR.decayedValue(now, secondsIntoDay + 1800), 1e-9);
        assertEquals(0.5, DecayWindow.ONE_DAY.decayedValue(article.decayedReads(DecayWindow.ONE_DAY), secondsIntoDay + 6 * 3600), 1e-9);
    }
}
