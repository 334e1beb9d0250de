package io.readpulse.collect;

import io.readpulse.model.ArticleMeta;
import io.readpulse.model.BoxEvent;
import io.readpulse.model.Campaign;
import io.readpulse.model.EventType;
import io.readpulse.model.ShareNetwork;
import java.time.Instant;

/**
 * One event as the page sent it, after its shape and sizes were checked but before the site's
 * domains, bot rules and visitor key were applied.
 *
 * @param articleHost the article URL's host, lower-cased (parsed once, checked against the site's domains)
 * @param imageHost the image URL's host, or null
 * @param referrer the referring URL as sent, or null
 * @param engagedSeconds for engagement pings, else 0
 * @param network for shares, else null
 * @param eventId the client's id of the event, or null when it sent none
 * @param clientTime the client's {@code ts}, or null when it sent none
 * @param campaign the page view's landing URL's utm parameters (sent with every event of it), or null
 * @param readDepth for engagement pings, the read-depth milestone sent, or null
 * @param readDepthFrom for engagement pings with a depth, the milestone the page view sent before, or null
 * @param box what the Trending box said (impressions and clicks, whose article is null), or
 *     {@link BoxEvent#VIA_BOX} for a view or ping of a page view opened from it, or null
 */
record IncomingEvent(EventType type, ArticleMeta article, String articleHost, String imageHost,
                     String referrer, int engagedSeconds, ShareNetwork network, String eventId, Instant clientTime,
                     Campaign campaign, Integer readDepth, Integer readDepthFrom, BoxEvent box) {

    IncomingEvent(EventType type, ArticleMeta article, String articleHost, String imageHost, String referrer, int engagedSeconds,
                  ShareNetwork network, String eventId, Instant clientTime, Campaign campaign, Integer readDepth, Integer readDepthFrom) {
        this(type, article, articleHost, imageHost, referrer, engagedSeconds, network, eventId, clientTime, campaign, readDepth,
                readDepthFrom, null);
    }

    IncomingEvent withBox(BoxEvent value) {
        return new IncomingEvent(type, article, articleHost, imageHost, referrer, engagedSeconds, network, eventId, clientTime,
                campaign, readDepth, readDepthFrom, value);
    }
}
