package io.readpulse.store.dynamodb;

import static io.readpulse.store.dynamodb.Attributes.n;
import static io.readpulse.store.dynamodb.Attributes.number;
import static io.readpulse.store.dynamodb.Attributes.s;
import static io.readpulse.store.dynamodb.Attributes.string;

import io.readpulse.aggregate.DecayWindow;
import io.readpulse.model.ArticleMeta;
import io.readpulse.trending.Pin;
import io.readpulse.trending.PinAction;
import io.readpulse.trending.RisingRule;
import io.readpulse.trending.ScoreBreakdown;
import io.readpulse.trending.TrendingEntry;
import io.readpulse.trending.TrendingList;
import io.readpulse.trending.TrendingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Trending lists and pins as DynamoDB items; short names, since a list item is rewritten every run. */
final class TrendingItemMapper {
    private static final String GENERATED_AT = "gen";
    private static final String DOMAINS = "dom";
    /** An author's or tag's list: the name its descriptions spell. */
    private static final String SCOPE_NAME = "nm";
    private static final String ENTRIES = "e";
    private static final String ID = "id";
    private static final String SECTION_SLUG = ArticleMetaCodec.SECTION_SLUG;
    private static final String SCORE = "s";
    private static final String PINNED = "pin";
    private static final String BREAKDOWN = "b";
    private static final String READS = "r";
    private static final String SHARES = "sh";
    private static final String ENGAGED_MINUTES = "em";
    private static final String FLOOD_FACTOR = "ff";
    private static final String RECENT_READS = "rr";
    private static final String VISITORS = "vi";
    private static final String RISING = "ri";
    private static final String IS_RISING = "up";
    private static final String EXPECTED = "x";
    private static final String GROWTH = "g";
    private static final String SIGNIFICANCE = "z";
    private static final String SWING = "sw";
    private static final String BASELINE_PER_DAY = "bl";
    private static final String BASELINE_KIND = "bk";
    private static final String BASELINE_TEXT = "bt";
    private static final String ACTION = "act";
    private static final String CREATED_AT = "at";
    private static final String EXPIRES_AT = "exp";

    private TrendingItemMapper() {
    }

    static Map<String, AttributeValue> listKey(String site, String scope, TrendingMode mode, DecayWindow window) {
        return Map.of(Keys.PK, s(Keys.trendingLists(site)), Keys.SK, s(Keys.trendingList(scope, mode.wireName(), window.wireName())));
    }

    static Map<String, AttributeValue> toItem(TrendingList list, long ttlEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>(listKey(list.site(), list.scope(), list.mode(), list.window()));
        item.put(GENERATED_AT, n(list.generatedAt().toEpochMilli()));
        item.put(DOMAINS, AttributeValue.fromL(list.siteDomains().stream().map(Attributes::s).toList()));
        putIfPresent(item, SCOPE_NAME, list.scopeName());
        item.put(ENTRIES, AttributeValue.fromL(list.entries().stream().map(entry -> AttributeValue.fromM(entry(entry))).toList()));
        item.put(Keys.TTL, n(ttlEpochSeconds));
        return item;
    }

    private static Map<String, AttributeValue> entry(TrendingEntry entry) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put(ID, s(entry.articleId()));
        ArticleMetaCodec.putFields(map, new ArticleMeta(entry.articleId(), entry.url(), entry.title(), entry.sectionName(),
                entry.publishedAt(), entry.image()));
        putIfPresent(map, SECTION_SLUG, entry.sectionSlug());
        map.put(SCORE, Attributes.decimal(entry.score()));
        if (entry.pinned()) {
            map.put(PINNED, AttributeValue.fromBool(true));
        }
        ScoreBreakdown why = entry.breakdown();
        Map<String, AttributeValue> breakdown = new HashMap<>();
        breakdown.put(READS, Attributes.decimal(why.reads()));
        breakdown.put(SHARES, Attributes.decimal(why.shares()));
        breakdown.put(ENGAGED_MINUTES, Attributes.decimal(why.engagedMinutes()));
        breakdown.put(FLOOD_FACTOR, Attributes.decimal(why.floodFactor()));
        breakdown.put(RECENT_READS, n(why.recentReads()));
        breakdown.put(VISITORS, n(why.visitors()));
        RisingRule.Verdict rising = why.rising();
        if (rising != null) {
            Map<String, AttributeValue> verdict = new HashMap<>(Map.of(
                    IS_RISING, AttributeValue.fromBool(rising.rising()),
                    EXPECTED, Attributes.decimal(rising.expected()),
                    GROWTH, Attributes.decimal(rising.growth()),
                    SIGNIFICANCE, Attributes.decimal(rising.significance()),
                    SWING, Attributes.decimal(rising.swing()),
                    BASELINE_PER_DAY, Attributes.decimal(rising.baselineReadsPerDay())));
            if (rising.baseline() != null) {
                verdict.put(BASELINE_KIND, s(rising.baseline().kind().name()));
                verdict.put(BASELINE_TEXT, s(rising.baseline().text()));
            }
            breakdown.put(RISING, AttributeValue.fromM(verdict));
        }
        map.put(BREAKDOWN, AttributeValue.fromM(breakdown));
        return map;
    }

    static TrendingList fromItem(String site, String scope, TrendingMode mode, DecayWindow window, Map<String, AttributeValue> item) {
        List<String> domains = item.get(DOMAINS).l().stream().map(AttributeValue::s).toList();
        List<TrendingEntry> entries = new ArrayList<>();
        for (AttributeValue value : item.get(ENTRIES).l()) {
            entries.add(entry(entries.size() + 1, value.m()));
        }
        AttributeValue name = item.get(SCOPE_NAME);
        return new TrendingList(site, scope, name == null ? null : name.s(), mode, window, Instant.ofEpochMilli(number(item, GENERATED_AT)),
                domains, entries);
    }

    private static TrendingEntry entry(int rank, Map<String, AttributeValue> map) {
        Map<String, AttributeValue> why = map.get(BREAKDOWN).m();
        RisingRule.Verdict rising = null;
        AttributeValue risingValue = why.get(RISING);
        if (risingValue != null && risingValue.hasM()) {
            Map<String, AttributeValue> r = risingValue.m();
            RisingRule.Baseline baseline = r.containsKey(BASELINE_KIND) && r.containsKey(BASELINE_TEXT)
                    ? baseline(r.get(BASELINE_KIND).s(), r.get(BASELINE_TEXT).s()) : null;
            rising = new RisingRule.Verdict(Boolean.TRUE.equals(r.get(IS_RISING).bool()), Attributes.decimal(why.get(READS)),
                    Attributes.decimal(r.get(EXPECTED)), Attributes.decimal(r.get(GROWTH)),
                    Attributes.decimal(r.get(SIGNIFICANCE)), Attributes.decimal(r.get(SWING)), Attributes.decimal(r.get(BASELINE_PER_DAY)),
                    baseline);
        }
        ScoreBreakdown breakdown = new ScoreBreakdown(Attributes.decimal(why.get(READS)), Attributes.decimal(why.get(SHARES)),
                Attributes.decimal(why.get(ENGAGED_MINUTES)), Attributes.decimal(why.get(FLOOD_FACTOR)),
                number(why, RECENT_READS), number(why, VISITORS), rising);
        ArticleMeta meta = ArticleMetaCodec.fromMap(string(map, ID), map);
        AttributeValue pinned = map.get(PINNED);
        return new TrendingEntry(rank, meta.id(), meta.title(), meta.url(), meta.section(), string(map, SECTION_SLUG), meta.image(),
                meta.publishedAt(), Attributes.decimal(map.get(SCORE)), pinned != null && Boolean.TRUE.equals(pinned.bool()), breakdown);
    }

    /** A stored baseline; one of a kind this version does not know is left out. */
    private static RisingRule.Baseline baseline(String kind, String text) {
        for (RisingRule.BaselineKind known : RisingRule.BaselineKind.values()) {
            if (known.name().equals(kind)) {
                return new RisingRule.Baseline(known, text);
            }
        }
        return null;
    }

    static Map<String, AttributeValue> pinKey(String site, String scope, String articleId) {
        return Map.of(Keys.PK, s(Keys.trendingPins(site)), Keys.SK, s(Keys.trendingPin(scope, articleId)));
    }

    static Map<String, AttributeValue> toItem(Pin pin) {
        Map<String, AttributeValue> item = new HashMap<>(pinKey(pin.site(), pin.scope(), pin.articleId()));
        item.put(ACTION, s(pin.action().wireName()));
        item.put(CREATED_AT, n(pin.createdAt().getEpochSecond()));
        item.put(EXPIRES_AT, n(pin.expiresAt().getEpochSecond()));
        item.put(Keys.TTL, n(pin.expiresAt().getEpochSecond()));
        return item;
    }

    static Pin pinFromItem(String site, Map<String, AttributeValue> item) {
        String sortKey = item.get(Keys.SK).s();
        PinAction action = PinAction.fromWire(string(item, ACTION))
                .orElseThrow(() -> new IllegalStateException("unknown pin action in " + sortKey));
        return new Pin(site, Keys.scopeOfPin(sortKey), Keys.articleOfPin(sortKey), action,
                Instant.ofEpochSecond(number(item, CREATED_AT)), Instant.ofEpochSecond(number(item, EXPIRES_AT)));
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, String value) {
        if (value != null) {
            map.put(name, s(value));
        }
    }
}
