package io.readpulse.model;

import java.time.Instant;

/**
 * One accepted event as it is stored in the raw event log and fed to the aggregator.
 *
 * @param occurredAt when the server received it (client clocks are not trusted for bucketing)
 * @param meta what the page said of its article: every event carries the URL (and the section where
 *     sent); a view also carries the title, time and image unless the collector sent them recently.
 *     A claim, never shown publicly: public lists use what the article's own page says
 * @param visitorKey salted hash of (site, IP, user agent), salt rotated daily; links nothing across days
 * @param sketchSlot one HyperLogLog register update (index and rank) derived with the site's sketch salt;
 *     too few bits to identify anyone, enough to count unique visitors across days
 * @param repeat true when the same visitor already viewed (for a view) or shared (for a share) the
 *     same article today, as far as the collector instance remembers (flood guard)
 * @param referrerHost host of the referring page, or null
 * @param referrerClass class of the referrer, for views
 * @param engagedSeconds for engagement pings
 * @param network for shares
 * @param eventId the client's id of the event, or null: with {@code loggedAt} it places the event in
 *     the raw log, so that a retry stores the same item again instead of a second one
 * @param loggedAt where in the raw log's time the event goes: the client's {@code ts} with an id,
 *     else when it was received
 * @param device the device class its user agent tells, or null for events stored before it was recorded
 * @param country the reader's country as a trusted CDN header names it (ISO 3166-1 alpha-2), else
 *     {@link #UNKNOWN_COUNTRY}; never derived from the address
 * @param campaign the utm parameters of the page view's landing URL (the script sends them with every
 *     event of the page view), or null when it had none
 * @param readDepth for engagement pings, the deepest milestone (0, 25, 50, 75 or 100 percent) the reader
 *     reached through the article body, or null when the ping did not say
 * @param readDepthFrom for engagement pings with a depth, the milestone the page view had sent before
 *     (0 at first): the ping counts the milestones in (readDepthFrom, readDepth]; null when not sent,
 *     and then it counts none
 * @param box for impressions and clicks, what the box said of itself (their {@code articleId} and
 *     {@code meta} are null); for views and engagement pings of a page view opened from the box,
 *     {@link BoxEvent#VIA_BOX}; else null
 */
public record TrackedEvent(
        String site,
        EventType type,
        String articleId,
        Instant occurredAt,
        ArticleMeta meta,
        String visitorKey,
        int sketchSlot,
        boolean bot,
        boolean repeat,
        String referrerHost,
        ReferrerClass referrerClass,
        int engagedSeconds,
        ShareNetwork network,
        String eventId,
        Instant loggedAt,
        DeviceClass device,
        String country,
        Campaign campaign,
        Integer readDepth,
        Integer readDepthFrom,
        BoxEvent box) {

    public static final String UNKNOWN_COUNTRY = "unknown";

    /** An event that says nothing of the Trending box. */
    public TrackedEvent(String site, EventType type, String articleId, Instant occurredAt, ArticleMeta meta, String visitorKey,
                        int sketchSlot, boolean bot, boolean repeat, String referrerHost, ReferrerClass referrerClass,
                        int engagedSeconds, ShareNetwork network, String eventId, Instant loggedAt, DeviceClass device,
                        String country, Campaign campaign, Integer readDepth) {
        this(site, type, articleId, occurredAt, meta, visitorKey, sketchSlot, bot, repeat, referrerHost, referrerClass,
                engagedSeconds, network, eventId, loggedAt, device, country, campaign, readDepth, null, null);
    }

    /** An event that says nothing of the Trending box, with the read depth it had sent before. */
    public TrackedEvent(String site, EventType type, String articleId, Instant occurredAt, ArticleMeta meta, String visitorKey,
                        int sketchSlot, boolean bot, boolean repeat, String referrerHost, ReferrerClass referrerClass,
                        int engagedSeconds, ShareNetwork network, String eventId, Instant loggedAt, DeviceClass device,
                        String country, Campaign campaign, Integer readDepth, Integer readDepthFrom) {
        this(site, type, articleId, occurredAt, meta, visitorKey, sketchSlot, bot, repeat, referrerHost, referrerClass,
                engagedSeconds, network, eventId, loggedAt, device, country, campaign, readDepth, readDepthFrom, null);
    }

    /** An event with no device, country, campaign or read depth recorded. */
    public TrackedEvent(String site, EventType type, String articleId, Instant occurredAt, ArticleMeta meta, String visitorKey,
                        int sketchSlot, boolean bot, boolean repeat, String referrerHost, ReferrerClass referrerClass,
                        int engagedSeconds, ShareNetwork network, String eventId, Instant loggedAt) {
        this(site, type, articleId, occurredAt, meta, visitorKey, sketchSlot, bot, repeat, referrerHost, referrerClass,
                engagedSeconds, network, eventId, loggedAt, null, UNKNOWN_COUNTRY, null, null, null, null);
    }

    /** An event without a client id, logged when it was received. */
    public TrackedEvent(String site, EventType type, String articleId, Instant occurredAt, ArticleMeta meta, String visitorKey,
                        int sketchSlot, boolean bot, boolean repeat, String referrerHost, ReferrerClass referrerClass,
                        int engagedSeconds, ShareNetwork network) {
        this(site, type, articleId, occurredAt, meta, visitorKey, sketchSlot, bot, repeat, referrerHost, referrerClass,
                engagedSeconds, network, null, occurredAt);
    }
}
