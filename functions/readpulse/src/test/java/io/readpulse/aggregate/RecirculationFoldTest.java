package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.BoxEvent;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecirculationFoldTest {
    static final Instant AT = Instant.parse("2026-11-29T10:30:00Z");
    static final RecirculationKey KEY = new RecirculationKey("s", LocalDate.parse("2026-11-29"));

    static TrackedEvent box(EventType type, BoxEvent box, boolean bot) {
        return new TrackedEvent("s", type, null, AT, null, "visitor", 1, bot, false, null, null, 0, null, null, AT, null,
                TrackedEvent.UNKNOWN_COUNTRY, null, null, null, box);
    }

    static TrackedEvent page(EventType type, String article, String visitor, int seconds, boolean repeat, BoxEvent via) {
        return new TrackedEvent("s", type, article, AT, null, visitor, 1, false, repeat, null, null, seconds, null, null, AT, null,
                TrackedEvent.UNKNOWN_COUNTRY, null, null, null, via);
    }

    static BoxEvent impression(String section, int items) {
        return new BoxEvent("top", "24h", section, "top-24h", items, 0, null);
    }

    static BoxEvent click(int position, String target) {
        return new BoxEvent("top", "24h", null, null, 0, position, target);
    }

    @Test
    void impressionsAndClicksCountPerListPositionArmAndArticleAndBotsOnlyAsBots() {
        RecirculationCounts day = new RecirculationFold().fold(List.of(
                box(EventType.IMPRESSION, impression(null, 5), false),
                box(EventType.IMPRESSION, impression("world", 3), false),
                box(EventType.CLICK, click(2, "b"), false),
                box(EventType.CLICK, click(4, null), false),
                box(EventType.IMPRESSION, impression(null, 5), true),
                box(EventType.CLICK, click(1, "b"), true))).get(KEY);

        assertEquals(2, day.impressions());
        assertEquals(2, day.clicks());
        assertEquals(2, day.bots());
        assertEquals(2, day.hourlyImpressions()[10]);
        assertEquals(Map.of("top-24h", new RecirculationCounts.Tally(1, 2), "top-24h/world", new RecirculationCounts.Tally(1, 0)), day.lists());
        assertEquals(Map.of("top-24h", new RecirculationCounts.Tally(2, 0)), day.arms(), "the clicks carried no arm");
        assertEquals(2, day.impressionsAt(3));
        assertEquals(1, day.impressionsAt(4));
        assertEquals(1, day.clicksByPosition()[1]);
        assertEquals(Map.of("b", 1L, RecirculationCounts.OTHER, 1L), day.clickedArticles(), "a click without a valid target is other");
    }

    @Test
    void pageViewsFromTheBoxCountReadsAndCappedSecondsAsTheSiteTotalsDo() {
        List<TrackedEvent> events = new ArrayList<>();
        events.add(page(EventType.VIEW, "a", "v1", 0, false, null));
        events.add(page(EventType.VIEW, "a", "v1", 0, false, BoxEvent.VIA_BOX));
        events.add(page(EventType.VIEW, "b", "v1", 0, false, BoxEvent.VIA_BOX));
        events.add(page(EventType.VIEW, "c", "v2", 0, true, BoxEvent.VIA_BOX));
        events.add(page(EventType.ENGAGE, "b", "v1", 300, false, null));
        events.add(page(EventType.ENGAGE, "b", "v1", 300, false, BoxEvent.VIA_BOX));
        events.add(page(EventType.ENGAGE, "b", "v1", 300, false, BoxEvent.VIA_BOX));

        RecirculationCounts day = new RecirculationFold().fold(events).get(KEY);

        assertEquals(3, day.boxViews());
        assertEquals(1, day.boxReads(), "a's read was the view before; c's view was a repeat the collector saw");
        assertEquals(300, day.boxEngagedSeconds(), "600 seconds a visitor and article per batch, the first 300 not from the box");
        assertEquals(0, day.impressions());
    }

    @Test
    void whatAnonymousClientsCanGrowIsCappedWithTheRestSummed() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(box(EventType.IMPRESSION, impression("section-" + i, 5), false));
            events.add(box(EventType.CLICK, click(1, "article-" + i), false));
        }
        events.add(box(EventType.CLICK, click(1, "article-7"), false));

        RecirculationCounts day = new RecirculationFold().fold(events).get(KEY);
        RecirculationCounts twice = day.plus(day);

        assertEquals(RecirculationCounts.LIST_CAP + 1, day.lists().size());
        assertEquals(RecirculationCounts.ARTICLE_CAP + 1, twice.clickedArticles().size());
        assertEquals(4, twice.clickedArticles().get("article-7"), "the most clicked is kept by name");
        assertEquals(602, twice.clickedArticles().values().stream().mapToLong(Long::longValue).sum(), "nothing is lost, only summed");
        assertEquals(600, twice.lists().values().stream().mapToLong(RecirculationCounts.Tally::impressions).sum());
        assertTrue(twice.lists().containsKey(RecirculationCounts.OTHER));
    }
}
