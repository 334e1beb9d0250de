package io.readpulse.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.Campaign;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.ShareNetwork;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The newsroom dimensions' pure rules: milestones counted once, values counted per kind, caps. */
class DimensionsFoldTest {
    static final Instant AT = Instant.parse("2026-11-29T10:30:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-29");
    static final ArticleMeta META = new ArticleMeta("a1", "https://news.example/a1", "Title", "World", AT, null);
    static final Campaign NEWSLETTER = new Campaign("newsletter", "email", "monday");

    static TrackedEvent event(EventType type, String visitor, Campaign campaign, DeviceClass device, String country,
                              int seconds, Integer from, Integer depth, boolean bot) {
        return new TrackedEvent("s", type, "a1", AT, META, visitor, 64, bot, false, null,
                type == EventType.VIEW ? ReferrerClass.DIRECT : null, seconds, type == EventType.SHARE ? ShareNetwork.X : null,
                null, AT, device, country, campaign, depth, from);
    }

    static TrackedEvent view(String visitor, Campaign campaign, DeviceClass device, String country) {
        return event(EventType.VIEW, visitor, campaign, device, country, 0, null, null, false);
    }

    static TrackedEvent ping(String visitor, Campaign campaign, Integer from, Integer depth) {
        return event(EventType.ENGAGE, visitor, campaign, DeviceClass.MOBILE, "DE", 15, from, depth, false);
    }

    @ParameterizedTest
    @CsvSource({"0, 25, 1, 0, 0, 0", "0, 75, 1, 1, 1, 0", "25, 100, 0, 1, 1, 1", "50, 50, 0, 0, 0, 0", "0, 0, 0, 0, 0, 0",
            "75, 100, 0, 0, 0, 1"})
    void aPingCountsTheMilestonesBetweenWhatItSentBeforeAndNow(int from, int depth, long r25, long r50, long r75, long r100) {
        assertEquals(new ReadThrough(r25, r50, r75, r100), ReadThrough.ofPing(from, depth));
    }

    @Test
    void aPingWithoutTheMilestoneSentBeforeCountsNone() {
        assertSame(ReadThrough.NONE, ReadThrough.ofPing(null, 100), "an older script repeats its depth on every ping");
        assertSame(ReadThrough.NONE, ReadThrough.ofPing(null, null));
    }

    @Test
    void aPageViewsMilestonesCountOnceWhicheverBatchesItsPingsFallIn() {
        // One page view's three pings: 0 -> 50, 50 -> 75 (in another batch), then one with no growth.
        BatchAggregator aggregator = new BatchAggregator();
        CounterKey article = CounterKey.article("s", DAY, "a1");
        CounterState state = CounterState.empty(10)
                .plus(aggregator.aggregate(List.of(view("v1", null, DeviceClass.MOBILE, "DE"), ping("v1", null, 0, 50))).get(article))
                .plus(aggregator.aggregate(List.of(ping("v1", null, 50, 75))).get(article))
                .plus(aggregator.aggregate(List.of(ping("v1", null, null, null))).get(article));
        assertEquals(new ReadThrough(1, 1, 1, 0), state.dimensions().readThrough());
    }

    @Test
    void eachKindCountsViewsReadsEngagedSecondsSharesAndReadThroughPerValue() {
        List<TrackedEvent> events = List.of(
                view("v1", NEWSLETTER, DeviceClass.MOBILE, "DE"),
                view("v1", NEWSLETTER, DeviceClass.MOBILE, "DE"),
                view("v2", null, DeviceClass.DESKTOP, TrackedEvent.UNKNOWN_COUNTRY),
                ping("v1", NEWSLETTER, 0, 100),
                event(EventType.SHARE, "v1", NEWSLETTER, DeviceClass.MOBILE, "DE", 0, null, null, false),
                event(EventType.VIEW, "bot", NEWSLETTER, DeviceClass.DESKTOP, "US", 0, null, null, true));
        Map<CounterKey, CounterDelta> deltas = new BatchAggregator().aggregate(events);

        Map<String, DimensionRow> campaigns = deltas.get(CounterKey.dimension("s", DAY, DimensionKind.CAMPAIGN)).dimensions().rows();
        assertEquals(Map.of(DimensionKind.campaignName(NEWSLETTER), new DimensionRow(2, 1, 15, 1, new ReadThrough(1, 1, 1, 1))), campaigns,
                "a view without a campaign counts under none; a bot's under nothing");
        Map<String, DimensionRow> devices = deltas.get(CounterKey.dimension("s", DAY, DimensionKind.DEVICE)).dimensions().rows();
        assertEquals(new DimensionRow(2, 1, 15, 1, new ReadThrough(1, 1, 1, 1)), devices.get("mobile"));
        assertEquals(new DimensionRow(1, 1, 0, 0, ReadThrough.NONE), devices.get("desktop"));
        Map<String, DimensionRow> countries = deltas.get(CounterKey.dimension("s", DAY, DimensionKind.COUNTRY)).dimensions().rows();
        assertEquals(2, countries.get("DE").views());
        assertEquals(1, countries.get("unknown").views());
        assertFalse(countries.containsKey("US"));

        Dimensions article = deltas.get(CounterKey.article("s", DAY, "a1")).dimensions();
        assertEquals(Map.of(DimensionKind.campaignName(NEWSLETTER), 2L), article.views(DimensionKind.CAMPAIGN));
        assertEquals(Map.of("mobile", 2L, "desktop", 1L), article.views(DimensionKind.DEVICE));
        assertEquals(new ReadThrough(1, 1, 1, 1), article.readThrough());
        assertTrue(article.rows().isEmpty(), "an article keeps views per value, not whole rows");
        assertEquals(new ReadThrough(1, 1, 1, 1), deltas.get(CounterKey.siteTotal("s", DAY)).dimensions().readThrough());
        assertEquals(new ReadThrough(1, 1, 1, 1), deltas.get(CounterKey.section("s", DAY, "world")).dimensions().readThrough());
    }

    @Test
    void aCampaignsStoredNameGivesItsPartsBack() {
        assertEquals(NEWSLETTER, DimensionKind.campaignOf(DimensionKind.campaignName(NEWSLETTER)));
        Campaign sourceOnly = new Campaign("x", null, null);
        assertEquals(sourceOnly, DimensionKind.campaignOf(DimensionKind.campaignName(sourceOnly)));
    }

    @Test
    void anArticleKeepsFiveValuesOfEachKindByNameAndSumsTheRest() {
        Map<String, Long> countries = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            countries.put("C" + i, 10L + i);
        }
        countries.put(DimensionKind.OTHER, 3L);
        Dimensions dims = new Dimensions(ReadThrough.NONE, Map.of(DimensionKind.COUNTRY, countries), Map.of());
        Map<String, Long> capped = dims.capped(DimensionKind.ARTICLE_CAP, Integer.MAX_VALUE).views(DimensionKind.COUNTRY);
        assertEquals(6, capped.size());
        assertEquals(List.of("C3", "C4", "C5", "C6", "C7"), capped.keySet().stream().filter(k -> !k.equals(DimensionKind.OTHER)).sorted().toList());
        assertEquals(3L + 10 + 11 + 12, capped.get(DimensionKind.OTHER));
        assertEquals(countries.values().stream().mapToLong(Long::longValue).sum(), capped.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aSiteDaysCampaignItemKeepsAHundredByNameAndTheDevicesAllThree() {
        List<TrackedEvent> events = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            for (int v = 0; v <= i % 3; v++) {
                events.add(view("v" + i + "-" + v, new Campaign("s" + i, null, null), DeviceClass.values()[i % 3], "DE"));
            }
        }
        CounterKey key = CounterKey.dimension("s", DAY, DimensionKind.CAMPAIGN);
        CounterState state = CounterRules.add(key, new BatchAggregator().aggregate(events).get(key)).apply(null, null);
        Map<String, DimensionRow> rows = state.dimensions().rows();
        assertEquals(101, rows.size());
        assertEquals(events.size(), rows.values().stream().mapToLong(DimensionRow::views).sum(), "nothing is lost to the cap");
        assertTrue(rows.get(DimensionKind.OTHER).views() > 0);
        CounterKey devices = CounterKey.dimension("s", DAY, DimensionKind.DEVICE);
        CounterState deviceState = CounterRules.add(devices, new BatchAggregator().aggregate(events).get(devices)).apply(null, null);
        assertEquals(3, deviceState.dimensions().rows().size());
        assertNull(deviceState.dimensions().rows().get(DimensionKind.OTHER));
    }

    @Test
    void aUrlOnlyClaimKeepsTheAuthorsAndTagsAlreadyKnown() {
        ArticleMeta full = new ArticleMeta("a1", "https://news.example/a1", "Title", "World", AT, null, List.of("Ana"), List.of("Cup"));
        ArticleMeta urlOnly = new ArticleMeta("a1", "https://news.example/a1?x", null, null, null, null);
        assertEquals(List.of("Ana"), CounterState.newerClaim(full, urlOnly).authors());
        assertEquals(List.of("Cup"), CounterState.newerClaim(full, urlOnly).tags());
    }
}
