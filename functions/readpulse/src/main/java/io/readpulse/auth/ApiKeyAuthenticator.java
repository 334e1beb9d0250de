package io.readpulse.auth;

import io.readpulse.model.Refusal;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the {@code Authorization: Bearer <key>} of a reports request: 401 for a missing, malformed,
 * unknown or revoked key, 403 for a valid key of another site. The bearer may also be a share link's
 * token ({@code rps.}, see {@link ShareLinkFormat}), told apart from a key ({@code rpk.}) by its
 * prefix: 401 for an unknown, altered, revoked or expired one, 403 for another site's.
 *
 * <p>Valid keys are remembered per function instance for {@link #POSITIVE_CACHE_TTL}, keyed by the
 * key's hash, so a dashboard's burst of requests costs one GetItem. The price: a revoked key keeps
 * working for at most that long on instances that had just checked it. Failures are not
 * remembered, so a key created a moment ago works at once.
 */
public final class ApiKeyAuthenticator {
    public static final Duration POSITIVE_CACHE_TTL = Duration.ofSeconds(60);
    private static final int MAX_CACHED_KEYS = 1_000;
    private static final String BEARER = "bearer ";

    private final ApiKeyStore keys;
    private final ShareLinkStore links;
    private final Clock clock;
    private final Map<String, CachedKey> verified = new ConcurrentHashMap<>();
    private final Map<String, CachedLink> verifiedLinks = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(ApiKeyStore keys, ShareLinkStore links, Clock clock) {
        this.keys = keys;
        this.links = links;
        this.clock = clock;
    }

    /** Who a request is, if it may read {@code site}'s reports. */
    public ReportCaller authorize(String authorizationHeader, String site) {
        String presented = bearer(authorizationHeader);
        if (ShareLinkFormat.looksLikeAShareToken(presented)) {
            ShareLink link = authenticateLink(presented);
            if (!link.site().equals(site)) {
                throw new Refusal(Refusal.Kind.NOT_ALLOWED, "link_for_another_site", "authorization",
                        "this share link is for site " + link.site() + ", not " + site);
            }
            return new ReportCaller(link.site(), link.linkId(), ReportCaller.Kind.SHARE_LINK);
        }
        ApiKey key = authenticate(presented);
        if (!key.site().equals(site)) {
            throw new Refusal(Refusal.Kind.NOT_ALLOWED, "key_for_another_site", "authorization",
                    "this key is for site " + key.site() + ", not " + site);
        }
        return new ReportCaller(key.site(), key.keyId(), ReportCaller.Kind.API_KEY);
    }

    /**
     * A verified, unrevoked link whose expiry has not passed. Verified links are remembered like keys
     * (a revocation takes up to {@link #POSITIVE_CACHE_TTL}), but the expiry is checked on every request.
     */
    private ShareLink authenticateLink(String presented) {
        ShareLinkFormat.Parts parts = ShareLinkFormat.parse(presented)
                .orElseThrow(() -> unauthorized("invalid_link", "the share link is not valid"));
        byte[] hash = ShareLinkFormat.hash(presented);
        String cacheKey = Base64.getEncoder().encodeToString(hash);
        Instant now = clock.instant();
        CachedLink cached = verifiedLinks.get(cacheKey);
        ShareLink link;
        if (cached != null && cached.expires().isAfter(now)) {
            link = cached.link();
        } else {
            link = links.find(parts.site(), parts.linkId())
                    .filter(candidate -> MessageDigest.isEqual(candidate.hash(), hash))
                    .orElseThrow(() -> unauthorized("invalid_link", "the share link is not valid"));
            if (link.revoked()) {
                throw unauthorized("link_revoked", "this share link was revoked; ask for a new one");
            }
            if (verifiedLinks.size() >= MAX_CACHED_KEYS) {
                verifiedLinks.clear();
            }
            verifiedLinks.put(cacheKey, new CachedLink(link, now.plus(POSITIVE_CACHE_TTL)));
        }
        if (link.expiredAt(now)) {
            throw unauthorized("link_expired", "this share link expired at " + link.expiresAt() + "; ask for a new one");
        }
        return link;
    }

    private static String bearer(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw unauthorized("missing_key", "send the site's API key as Authorization: Bearer <key>");
        }
        String header = authorizationHeader.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw unauthorized("invalid_key", "the Authorization header must be Bearer <key>");
        }
        return header.substring(BEARER.length()).trim();
    }

    private ApiKey authenticate(String presented) {
        Optional<ApiKeyFormat.Parts> parts = ApiKeyFormat.parse(presented);
        if (parts.isEmpty()) {
            throw unauthorized("invalid_key", "the API key is not valid");
        }
        byte[] hash = ApiKeyFormat.hash(presented);
        String cacheKey = Base64.getEncoder().encodeToString(hash);
        Instant now = clock.instant();
        CachedKey cached = verified.get(cacheKey);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.key();
        }
        ApiKey stored = keys.find(parts.get().site(), parts.get().keyId())
                .filter(candidate -> MessageDigest.isEqual(candidate.hash(), hash))
                .filter(candidate -> !candidate.revoked())
                .orElseThrow(() -> unauthorized("invalid_key", "the API key is not valid, or was revoked"));
        if (verified.size() >= MAX_CACHED_KEYS) {
            verified.clear();
        }
        verified.put(cacheKey, new CachedKey(stored, now.plus(POSITIVE_CACHE_TTL)));
        return stored;
    }

    private static Refusal unauthorized(String code, String message) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, code, "authorization", message);
    }

    private record CachedKey(ApiKey key, Instant expires) {
    }

    private record CachedLink(ShareLink link, Instant expires) {
    }
}
