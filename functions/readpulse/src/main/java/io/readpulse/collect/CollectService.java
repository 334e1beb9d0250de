package io.readpulse.collect;

import io.readpulse.model.Refusal;
import io.readpulse.model.ArticleMeta;
import io.readpulse.model.DeviceClass;
import io.readpulse.model.EventType;
import io.readpulse.model.ReferrerClass;
import io.readpulse.model.Site;
import io.readpulse.model.TrackedEvent;
import io.readpulse.store.RawEventStore;
import io.readpulse.store.SaltStore;
import io.readpulse.store.SiteStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts the events of one request: parse and check them, refuse the whole request if any event is
 * bad (nothing is written then), classify bots and referrers, derive the visitor key, and store
 * every event before answering. Returns only once the events are durable.
 */
public final class CollectService {
    private static final Duration SITE_CACHE_TTL = Duration.ofSeconds(60);
    /** An unknown site is re-checked sooner, so a site created a moment ago starts working quickly. */
    private static final Duration UNKNOWN_SITE_CACHE_TTL = Duration.ofSeconds(5);

    private final SiteStore sites;
    private final SaltStore salts;
    private final RawEventStore rawEvents;
    private final EventParser parser = new EventParser();
    private final BotDetector bots = new BotDetector();
    private final DeviceClassifier devices = new DeviceClassifier();
    private final ReferrerClassifier referrers = new ReferrerClassifier();
    private final VisitorKeys visitorKeys = new VisitorKeys();
    /**
     * A visitor's views of an article count once as a read per UTC day (keys carry the day), and
     * their share clicks once as a share: this instance's memory, which the aggregator's per-batch
     * de-duplication and the flood factor of trending complete.
     */
    private final RecentSet recentViews = new RecentSet(100_000, Duration.ofDays(1));
    private final RecentSet recentShares = new RecentSet(20_000, Duration.ofDays(1));
    /** A title, or a URL, already sent by this instance is not repeated in every raw event. */
    private final RecentSet recentMetadata = new RecentSet(20_000, Duration.ofMinutes(10));
    private final RecentSet recentUrls = new RecentSet(20_000, Duration.ofMinutes(10));
    private final ConcurrentHashMap<String, CachedSite> siteCache = new ConcurrentHashMap<>();
    private volatile DailySalt salt;

    public CollectService(SiteStore sites, SaltStore salts, RawEventStore rawEvents) {
        this.sites = sites;
        this.salts = salts;
        this.rawEvents = rawEvents;
    }

    /**
     * What a request carried, apart from its body.
     *
     * @param country the reader's country as a trusted CDN header named it, or "unknown"
     *     ({@link TrackedEvent#UNKNOWN_COUNTRY}); never derived from {@code sourceIp}
     */
    public record Request(String contentType, String origin, String sourceIp, String userAgent, String country, byte[] body,
                          Instant receivedAt) {
    }

    /** @param bots how many of the accepted events were classified as bot traffic */
    public record Result(String site, int accepted, int bots) {
    }

    public Result collect(Request request) {
        checkContentType(request.contentType());
        EventParser.ParsedBatch batch = parser.parse(request.body(), request.receivedAt());
        Site site = site(batch.site());
        checkOrigin(request.origin(), site);
        List<IncomingEvent> incoming = batch.events();
        for (int i = 0; i < incoming.size(); i++) {
            checkOwnUrls(incoming.get(i), site, incoming.size() == 1 ? "article" : "events[" + i + "].article");
        }

        String userAgent = request.userAgent() == null ? "" : request.userAgent();
        String ip = request.sourceIp() == null ? "" : request.sourceIp();
        boolean bot = bots.isBot(userAgent);
        Instant at = request.receivedAt();
        String visitorKey = visitorKeys.visitorKey(dailySalt(at), site.id(), ip, userAgent);
        int sketchSlot = visitorKeys.sketchSlot(site.sketchSalt(), ip, userAgent);
        Reader reader = new Reader(visitorKey, sketchSlot, bot, devices.classify(userAgent),
                request.country() == null ? TrackedEvent.UNKNOWN_COUNTRY : request.country());

        List<TrackedEvent> events = new ArrayList<>(incoming.size());
        for (IncomingEvent event : incoming) {
            events.add(track(site, event, at, reader));
        }
        rawEvents.append(events);
        return new Result(site.id(), events.size(), bot ? events.size() : 0);
    }

    /** What the request tells of its reader, the same for each of its events; the user agent and address are not kept. */
    private record Reader(String visitorKey, int sketchSlot, boolean bot, DeviceClass device, String country) {
    }

    private TrackedEvent track(Site site, IncomingEvent event, Instant at, Reader reader) {
        if (event.type().fromTheBox()) {
            // The box's reports name no page: only the list, the entry and the reader's class are kept.
            return new TrackedEvent(site.id(), event.type(), null, at, null, reader.visitorKey(), reader.sketchSlot(), reader.bot(),
                    false, null, null, 0, null, event.eventId(), event.eventId() == null ? at : event.clientTime(),
                    reader.device(), reader.country(), null, null, null, event.box());
        }
        String visitorKey = reader.visitorKey();
        boolean bot = reader.bot();
        ArticleMeta article = event.article();
        String referrerHost = null;
        ReferrerClass referrerClass = null;
        boolean repeat = false;
        // The first event of an article in this instance, of any kind and from bots too, names its URL:
        // where the article's own page is read, whichever event comes first. Later ones leave it out,
        // since every stored byte travels through the stream too. A title is the page's claim, kept
        // for editors' reports only; public lists show what the publisher's page says.
        boolean urlSent = recentUrls.seenRecently(Math.floorDiv(at.getEpochSecond(), 86_400) + "|" + site.id() + "|" + article.id()
                + "|" + article.url(), at);
        ArticleMeta storedMeta = new ArticleMeta(article.id(), urlSent ? null : article.url(), null, article.section(), null, null);
        String visitorArticle = Math.floorDiv(at.getEpochSecond(), 86_400) + "|" + visitorKey + '|' + article.id();
        if (event.type() == EventType.VIEW) {
            referrerHost = referrers.hostOf(event.referrer());
            referrerClass = referrers.classify(referrerHost, site);
            repeat = !bot && recentViews.seenRecently(visitorArticle, at);
            String metadataKey = Math.floorDiv(at.getEpochSecond(), 86_400) + "|" + site.id() + "|" + Objects.hash(
                    article.id(), article.url(), article.title(), article.section(), article.publishedAt(),
                    article.authors(), article.tags());
            if (!recentMetadata.seenRecently(metadataKey, at)) {
                // The claimed image was checked (on the site's domains) but is not kept: no report shows
                // one, and lists show the image the article's own page gives.
                storedMeta = new ArticleMeta(article.id(), article.url(), article.title(), article.section(), article.publishedAt(),
                        null, article.authors(), article.tags());
            }
        } else if (event.type() == EventType.SHARE) {
            repeat = !bot && recentShares.seenRecently(visitorArticle, at);
        }
        return new TrackedEvent(site.id(), event.type(), article.id(), at, storedMeta, visitorKey, reader.sketchSlot(),
                bot, repeat, referrerHost, referrerClass, event.engagedSeconds(), event.network(),
                event.eventId(), event.eventId() == null ? at : event.clientTime(),
                reader.device(), reader.country(), event.campaign(), event.readDepth(), event.readDepthFrom(), event.box());
    }

    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        if (!mediaType.equalsIgnoreCase("application/json") && !mediaType.equalsIgnoreCase("text/plain")) {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_CONTENT, "unsupported_media_type", "content-type",
                    "send application/json, or text/plain as navigator.sendBeacon does; not " + mediaType.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Browsers name the page's origin; a page on another site's domain may not report for this one.
     * {@code Origin: null} is what a sandboxed frame on any page sends, so it is refused unless the
     * site has opted in. Requests without an Origin (not from a browser's page) are let through.
     */
    private static void checkOrigin(String origin, Site site) {
        if (origin == null || origin.isBlank()) {
            return;
        }
        if (origin.trim().equals("null")) {
            if (site.allowsNullOrigin()) {
                return;
            }
            throw new Refusal(Refusal.Kind.NOT_ALLOWED, "origin_not_allowed", "origin",
                    "pages with an opaque origin (Origin: null) may not report events for site " + site.id());
        }
        String host;
        try {
            host = URI.create(origin.trim()).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (!site.ownsHost(host)) {
            throw new Refusal(Refusal.Kind.NOT_ALLOWED, "origin_not_allowed", "origin", "pages on " + origin + " may not report events for site " + site.id());
        }
    }

    private static void checkOwnUrls(IncomingEvent event, Site site, String field) {
        if (event.type().fromTheBox()) {
            return;
        }
        if (!site.ownsHost(event.articleHost())) {
            throw Refusal.invalid("url_off_site", field + ".url",
                    "the article URL is not on a domain of site " + site.id());
        }
        if (event.imageHost() != null && !site.ownsHost(event.imageHost())) {
            throw Refusal.invalid("url_off_site", field + ".image",
                    "the image URL is not on a domain of site " + site.id());
        }
    }

    private Site site(String siteId) {
        Instant now = Instant.now();
        CachedSite cached = siteCache.get(siteId);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.site().orElseThrow(() -> unknownSite(siteId));
        }
        Optional<Site> found = sites.find(siteId);
        siteCache.put(siteId, new CachedSite(found, now.plus(found.isPresent() ? SITE_CACHE_TTL : UNKNOWN_SITE_CACHE_TTL)));
        return found.orElseThrow(() -> unknownSite(siteId));
    }

    private static Refusal unknownSite(String siteId) {
        return Refusal.notFound("unknown_site", "site", "there is no site '" + siteId + "'");
    }

    private byte[] dailySalt(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        DailySalt current = salt;
        if (current == null || !current.day().equals(day)) {
            current = new DailySalt(day, salts.saltFor(day));
            salt = current;
        }
        return current.salt();
    }

    private record CachedSite(Optional<Site> site, Instant expires) {
    }

    private record DailySalt(LocalDate day, byte[] salt) {
    }
}
