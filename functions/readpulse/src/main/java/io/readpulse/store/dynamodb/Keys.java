package io.readpulse.store.dynamodb;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * Every key format of the single table, in one place. Partition keys start with a prefix that
 * says what the partition holds; site ids and article ids cannot contain '#'.
 *
 * <pre>
 * SITES                         sk site id           the site registry (one Query lists all sites)
 * SALT                          sk yyyy-MM-dd        the daily visitor salt (TTL two days)
 * EV#site#yyyyMMddHH#bucket     sk millis#random     raw events, spread over {@value #RAW_EVENT_BUCKETS} buckets (TTL)
 * AD#site#yyyy-MM-dd#shard      sk article id        an article's counters for a day, {@value #ARTICLE_DAY_SHARDS} shards per site-day
 * SD#site#yyyy-MM-dd            sk * | sec:slug      the site's and each section's counters for a day
 *                               sk dim:kind          the site's campaigns, devices or countries for a day (see DimensionKind)
 *                               sk box               the Trending box's impressions, clicks and page views for a day
 * AGGB#streamEventId            sk batch id          the aggregator's batch markers (TTL a day)
 * KEYS#site                     sk key id            the site's editor API keys: a SHA-256 hash, never the key
 * KEYS#site                     sk link#link id      the site's share links: a SHA-256 hash of the token, its expiry (TTL after it)
 * TR#site                       sk scope#mode#window a trending list: one scope ({@code *}, sec:, aut: or tag:slug), mode and window (TTL)
 * TP#site                       sk scope#article id  an editor's pin or exclusion of an article, until its expiry (TTL)
 * AM#site                       sk article id        the article as its own page (or the publisher) describes it (TTL)
 * RB#replay#AD#… and RB#replay#SD#…  sk as live      a replay's rebuilt counters, kept apart until swapped in (TTL)
 * AL#site                       sk D#id | S#key      the site's alert destinations, and the alerts sent, each until its cooldown ends (TTL)
 * AR#site#yyyyMMddHH            sk m#mm | c#m        active readers: one minute's sketches (m#07), one chart item per ten minutes (c#0 is :00-:09) (TTL)
 * </pre>
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "ttl";

    /** A hot article's raw writes spread over this many partition keys: 10,000 views/s is ~310 WCU per key. */
    public static final int RAW_EVENT_BUCKETS = 32;
    /** A site-day's article counters spread over this many partition keys, for the same reason. */
    public static final int ARTICLE_DAY_SHARDS = 8;

    static final String SITES = "SITES";
    static final String SALT = "SALT";
    static final String RAW_EVENT_PREFIX = "EV#";
    static final String ARTICLE_DAY_PREFIX = "AD#";
    static final String SITE_DAY_PREFIX = "SD#";
    static final String BATCH_MARKER_PREFIX = "AGGB#";
    static final String API_KEYS_PREFIX = "KEYS#";
    static final String TRENDING_LIST_PREFIX = "TR#";
    static final String TRENDING_PIN_PREFIX = "TP#";
    static final String ARTICLE_METADATA_PREFIX = "AM#";
    static final String REBUILD_PREFIX = "RB#";
    static final String ALERTS_PREFIX = "AL#";
    static final String ALERT_DESTINATION = "D#";
    static final String ALERT_SENT = "S#";
    static final String ACTIVE_READERS_PREFIX = "AR#";

    private Keys() {
    }

    static String rawEvents(String site, Instant at, int bucket) {
        // Formatted by hand: DateTimeFormatter costs more than the rest of the key on the hot path.
        LocalDateTime hour = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder key = new StringBuilder(RAW_EVENT_PREFIX.length() + site.length() + 16)
                .append(RAW_EVENT_PREFIX).append(site).append('#').append(hour.getYear());
        appendTwoDigits(key, hour.getMonthValue());
        appendTwoDigits(key, hour.getDayOfMonth());
        appendTwoDigits(key, hour.getHour());
        appendTwoDigits(key.append('#'), bucket);
        return key.toString();
    }

    private static void appendTwoDigits(StringBuilder key, int value) {
        key.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The site named in a raw event's partition key. */
    static String siteOfRawEvents(String partitionKey) {
        int end = partitionKey.indexOf('#', RAW_EVENT_PREFIX.length());
        return partitionKey.substring(RAW_EVENT_PREFIX.length(), end);
    }

    static boolean isRawEvent(String partitionKey) {
        return partitionKey.startsWith(RAW_EVENT_PREFIX);
    }

    static String articleDay(String site, LocalDate day, String articleId) {
        return articleDayShard(site, day, articleShard(articleId));
    }

    static String articleDayShard(String site, LocalDate day, int shard) {
        return ARTICLE_DAY_PREFIX + site + '#' + day + '#' + shard;
    }

    /** String.hashCode is specified by the JLS, so the shard of an article never changes. */
    static int articleShard(String articleId) {
        return Math.floorMod(articleId.hashCode(), ARTICLE_DAY_SHARDS);
    }

    static String siteDay(String site, LocalDate day) {
        return SITE_DAY_PREFIX + site + '#' + day;
    }

    /** The recirculation item's sort key in the site-day partition: no scope ({@code *}, {@code sec:slug}) is spelled so. */
    static final String RECIRCULATION = "box";

    /**
     * What a replay's rebuilt counter partitions start with: the live partition key follows, so a
     * rebuilt item is found from its live key and nothing that reads live keys ever sees it.
     */
    static String rebuildSpace(String rebuildId) {
        if (rebuildId.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a rebuild id cannot contain '#': " + rebuildId);
        }
        return REBUILD_PREFIX + rebuildId + '#';
    }

    /** A site-hour's active-reader items: its minutes' and its chart's. */
    static String activeReaders(String site, Instant minute) {
        LocalDateTime hour = LocalDateTime.ofEpochSecond(minute.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder key = new StringBuilder(ACTIVE_READERS_PREFIX).append(site).append('#').append(hour.getYear());
        appendTwoDigits(key, hour.getMonthValue());
        appendTwoDigits(key, hour.getDayOfMonth());
        appendTwoDigits(key, hour.getHour());
        return key.toString();
    }

    /** The sort key of one minute's active readers: {@code m#} and the minute of the hour. */
    static String activeMinute(Instant minute) {
        StringBuilder key = new StringBuilder("m#");
        appendTwoDigits(key, LocalDateTime.ofEpochSecond(minute.getEpochSecond(), 0, ZoneOffset.UTC).getMinute());
        return key.toString();
    }

    /** The sort key of the chart item holding a minute's figures: {@code c#} and the minute of the hour's tens. */
    static String activeChart(Instant minute, int spanMinutes) {
        return "c#" + LocalDateTime.ofEpochSecond(minute.getEpochSecond(), 0, ZoneOffset.UTC).getMinute() / spanMinutes;
    }

    static String batchMarker(String streamEventId) {
        return BATCH_MARKER_PREFIX + streamEventId;
    }

    /** Sort keys of raw events start with the epoch millis (13 digits until 2286), so a time range is a key range. */
    static String rawEventsFrom(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    static String apiKeys(String site) {
        return API_KEYS_PREFIX + site;
    }

    /** Share links live beside the keys; key ids are 8 base32 letters, so no key's sort key starts like this. */
    static final String SHARE_LINK_PREFIX = "link#";

    static String shareLink(String linkId) {
        return SHARE_LINK_PREFIX + linkId;
    }

    static boolean isShareLink(String sortKey) {
        return sortKey.startsWith(SHARE_LINK_PREFIX);
    }

    static String trendingLists(String site) {
        return TRENDING_LIST_PREFIX + site;
    }

    /** Scopes are {@code *}, {@code sec:slug}, {@code aut:slug} or {@code tag:slug}, modes and windows fixed words: none holds '#'. */
    static String trendingList(String scope, String mode, String window) {
        return scope + '#' + mode + '#' + window;
    }

    static String trendingPins(String site) {
        return TRENDING_PIN_PREFIX + site;
    }

    static String articleMetadata(String site) {
        return ARTICLE_METADATA_PREFIX + site;
    }

    static String trendingPin(String scope, String articleId) {
        return scope + '#' + articleId;
    }

    static String scopeOfPin(String sortKey) {
        return sortKey.substring(0, sortKey.indexOf('#'));
    }

    static String articleOfPin(String sortKey) {
        return sortKey.substring(sortKey.indexOf('#') + 1);
    }

    static String alerts(String site) {
        return ALERTS_PREFIX + site;
    }
}
