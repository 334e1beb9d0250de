package io.readpulse.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.readpulse.aggregate.DimensionKind;
import io.readpulse.aggregate.Dimensions;
import io.readpulse.aggregate.ReadThrough;
import io.readpulse.model.Campaign;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.EventType;
import io.readpulse.model.TrackedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The compact shapes of an article item's dimensions and of a raw event's campaign, and the shapes written before them. */
class CompactDimensionsShapeTest {
    static final Campaign NEWSLETTER = new Campaign("newsletter", "email", "monday");
    static final String NEWSLETTER_NAME = DimensionKind.campaignName(NEWSLETTER);

    @Test
    void anArticleKeepsDevicesAsANumberListAndCampaignsByKey() {
        Dimensions dimensions = new Dimensions(new ReadThrough(4, 3, 0, 0),
                Map.of(DimensionKind.CAMPAIGN, Map.of(NEWSLETTER_NAME, 2L), DimensionKind.DEVICE, Map.of("mobile", 5L, "desktop", 1L),
                        DimensionKind.COUNTRY, Map.of("DE", 6L)), Map.of())
                .capped(DimensionKind.ARTICLE_CAP, Integer.MAX_VALUE);
        Map<String, AttributeValue> item = new HashMap<>();
        DimensionsCodec.put(item, dimensions);

        assertTrue(item.get("vd").hasL(), "devices in a fixed order, no names");
        assertEquals(List.of("1", "5"), item.get("vd").l().stream().map(AttributeValue::n).toList());
        String key = DimensionKind.campaignKey(NEWSLETTER_NAME);
        assertEquals(6, key.length());
        assertEquals(Map.of(key, AttributeValue.fromN("2")), item.get("vc").m());
        assertFalse(item.toString().contains("newsletter"), "names stay in the site-day's dim:campaign item");
        assertEquals(dimensions, DimensionsCodec.read(item));
    }

    @Test
    void anItemOfTheShapeBeforeIsStillRead() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("vd", AttributeValue.fromM(Map.of("mobile", AttributeValue.fromN("5"), "unknown", AttributeValue.fromN("1"))));
        item.put("vc", AttributeValue.fromM(Map.of(NEWSLETTER_NAME, AttributeValue.fromN("2"))));
        Dimensions read = DimensionsCodec.read(item);

        assertEquals(Map.of("mobile", 5L, "unknown", 1L), read.views(DimensionKind.DEVICE));
        assertEquals(Map.of(NEWSLETTER_NAME, 2L), read.views(DimensionKind.CAMPAIGN));
        Dimensions added = read.plus(new Dimensions(ReadThrough.NONE, Map.of(DimensionKind.CAMPAIGN, Map.of(NEWSLETTER_NAME, 1L)), Map.of()))
                .capped(DimensionKind.ARTICLE_CAP, Integer.MAX_VALUE);
        assertEquals(Map.of(DimensionKind.campaignKey(NEWSLETTER_NAME), 3L), added.views(DimensionKind.CAMPAIGN),
                "a stored name and a new event's campaign count under one key");
    }

    @Test
    void aRawEventKeepsItsCampaignInOneAttributeAndReadsTheThreeOfBefore() {
        TrackedEvent event = new TrackedEvent("s", EventType.VIEW, "a1", Instant.parse("2026-11-29T10:30:00Z"), null, "visitor", 64,
                false, false, null, null, 0, null, null, Instant.parse("2026-11-29T10:30:00Z"), DeviceClass.MOBILE, "DE",
                new Campaign("partner-site", null, "spring sale"), null, null);
        Map<String, AttributeValue> item = RawEventCodec.toItem(event, Keys.rawEvents("s", event.occurredAt(), 0), "x", 0);

        assertTrue(item.containsKey("cp"));
        assertFalse(item.containsKey("us") || item.containsKey("um") || item.containsKey("uc"));
        assertEquals(new Campaign("partner-site", null, "spring sale"), RawEventCodec.fromItem(item).campaign());

        item.remove("cp");
        item.put("us", AttributeValue.fromS("newsletter"));
        item.put("um", AttributeValue.fromS("email"));
        item.put("uc", AttributeValue.fromS("monday"));
        assertEquals(NEWSLETTER, RawEventCodec.fromItem(item).campaign());
    }

    @Test
    void aRawEventKeepsItsReceiptAsMillisecondsAfterItsSortKeysTimeAndItsSectionAlone() {
        Instant clientTime = Instant.parse("2026-11-29T10:30:00.000Z");
        Instant received = clientTime.plusMillis(230);
        TrackedEvent event = new TrackedEvent("s", EventType.ENGAGE, "a1", received,
                new io.readpulse.model.ArticleMeta("a1", null, null, "World", null, null), "visitor", 64,
                false, false, null, null, 15, null, "event-id", clientTime, DeviceClass.DESKTOP, "DE", null, null, null);
        String sortKey = clientTime.toEpochMilli() + "#event-id";
        Map<String, AttributeValue> item = RawEventCodec.toItem(event, Keys.rawEvents("s", clientTime, 0), sortKey, 0);

        assertEquals("230", item.get("td").n(), "a few digits, not the thirteen of an epoch time");
        assertFalse(item.containsKey("ts"));
        assertEquals("World", item.get("sn").s(), "the section alone, not in a map of one");
        assertFalse(item.containsKey("m"));
        TrackedEvent read = RawEventCodec.fromItem(item);
        assertEquals(received, read.occurredAt());
        assertEquals("World", read.meta().section());

        assertEquals("d", item.get("dv").s(), "a desktop is named");
        assertEquals(DeviceClass.DESKTOP, read.device());

        Map<String, AttributeValue> atTheSameInstant = RawEventCodec.toItem(event, Keys.rawEvents("s", clientTime, 0),
                received.toEpochMilli() + "#event-id", 0);
        assertFalse(atTheSameInstant.containsKey("td"), "received when logged: nothing stored");
        assertEquals(received, RawEventCodec.fromItem(atTheSameInstant).occurredAt());
    }

    @Test
    void aRawEventOfTheShapeBeforeKeepsItsTime() {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "pk", AttributeValue.fromS(Keys.rawEvents("s", Instant.parse("2026-11-29T10:30:00Z"), 0)),
                "sk", AttributeValue.fromS("1795942800012#old"), "t", AttributeValue.fromS("v"), "a", AttributeValue.fromS("a1"),
                "ts", AttributeValue.fromN("1795942800500"), "vk", AttributeValue.fromS("visitor"), "hs", AttributeValue.fromN("64"),
                "m", AttributeValue.fromM(Map.of("sn", AttributeValue.fromS("World")))));

        TrackedEvent read = RawEventCodec.fromItem(item);

        assertEquals(Instant.ofEpochMilli(1795942800500L), read.occurredAt());
        assertEquals("World", read.meta().section());
        assertNull(read.device(), "stored before devices were told apart: unknown, not a phone");
    }

    @Test
    void aPhonesEventLeavesItsDeviceOut() {
        Instant at = Instant.parse("2026-11-29T10:30:00Z");
        TrackedEvent phone = new TrackedEvent("s", EventType.VIEW, "a1", at, null, "visitor", 64,
                false, false, null, null, 0, null, "event-id", at, DeviceClass.MOBILE, "DE", null, null, null);
        Map<String, AttributeValue> item = RawEventCodec.toItem(phone, Keys.rawEvents("s", at, 0), at.toEpochMilli() + "#event-id", 0);

        assertFalse(item.containsKey("dv"), "the class most news readers come in is left out");
        assertEquals(DeviceClass.MOBILE, RawEventCodec.fromItem(item).device());
    }
}
