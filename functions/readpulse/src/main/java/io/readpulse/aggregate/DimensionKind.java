package io.readpulse.aggregate;

import io.readpulse.model.Campaign;
import io.readpulse.model.TrackedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The per-event dimensions: each is counted per site and day in one item of its own (sort key
 * {@code dim:<name>} in the site-day partition), and, for views only, in small maps of each
 * article-day item.
 */
public enum DimensionKind {
    /** The page view's landing utm parameters; events without them count under no campaign. */
    CAMPAIGN("campaign", 100),
    /** desktop, mobile, tablet, or unknown for events stored before the device was recorded. */
    DEVICE("device", 4),
    /** A CDN's viewer-country code, or unknown: every country there is fits. */
    COUNTRY("country", 300);

    public static final String SCOPE_PREFIX = "dim:";
    /** The values beyond an item's cap, summed under one name (as referring hosts are). */
    public static final String OTHER = DayCounts.OTHER_HOSTS;
    /** How many values of each kind an article-day item keeps by name, for its views. */
    public static final int ARTICLE_CAP = 5;
    public static final String UNKNOWN = "unknown";
    /** Between a campaign's parts in its stored name; the collector refuses control characters in them. */
    private static final char CAMPAIGN_SEPARATOR = '\u001f';

    private final String wireName;
    private final int siteDayCap;

    DimensionKind(String wireName, int siteDayCap) {
        this.wireName = wireName;
        this.siteDayCap = siteDayCap;
    }

    public String wireName() {
        return wireName;
    }

    /** How many values the site-day item keeps by name. */
    public int siteDayCap() {
        return siteDayCap;
    }

    public String scope() {
        return SCOPE_PREFIX + wireName;
    }

    public static Optional<DimensionKind> ofScope(String scope) {
        for (DimensionKind kind : values()) {
            if (kind.scope().equals(scope)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The value {@code event} counts under, or null when it counts under none of this kind. */
    public String valueOf(TrackedEvent event) {
        return switch (this) {
            case CAMPAIGN -> event.campaign() == null ? null : campaignName(event.campaign());
            case DEVICE -> event.device() == null ? UNKNOWN : event.device().wireName();
            case COUNTRY -> event.country() == null ? UNKNOWN : event.country();
        };
    }

    /** A campaign's stored name: source, medium and campaign, absent parts empty. */
    public static String campaignName(Campaign campaign) {
        return part(campaign.source()) + CAMPAIGN_SEPARATOR + part(campaign.medium()) + CAMPAIGN_SEPARATOR + part(campaign.name());
    }

    /**
     * A campaign's key in an article item's views: 6 base64url characters of the SHA-256 of its
     * stored name, which every write of a busy article pays for; the names stay in the site-day's
     * {@code dim:campaign} item, where reports look the keys up.
     */
    public static String campaignKey(String storedName) {
        if (storedName.equals(OTHER) || storedName.indexOf(CAMPAIGN_SEPARATOR) < 0) {
            return storedName;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(storedName.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Views per campaign keyed by {@link #campaignKey}: stored names (as items written before keys kept them) become keys. */
    public static Map<String, Long> byCampaignKey(Map<String, Long> views) {
        Map<String, Long> keyed = new HashMap<>();
        views.forEach((value, count) -> keyed.merge(campaignKey(value), count, Long::sum));
        return keyed;
    }

    /** The campaign a stored name stands for; null parts where they were absent. */
    public static Campaign campaignOf(String storedName) {
        String[] parts = storedName.split(String.valueOf(CAMPAIGN_SEPARATOR), -1);
        return new Campaign(parts.length > 0 ? blankAsNull(parts[0]) : null, parts.length > 1 ? blankAsNull(parts[1]) : null,
                parts.length > 2 ? blankAsNull(parts[2]) : null);
    }

    private static String part(String value) {
        return value == null ? "" : value;
    }

    private static String blankAsNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
