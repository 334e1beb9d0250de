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
 * unknown or revoked key, 403 for a valid key of another site.
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
    private final Clock clock;
    private final Map<String, CachedKey> verified = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The key a request may use for {@code site}'s reports. */
    public ApiKey authorize(String authorizationHeader, String site) {
        ApiKey key = authenticate(authorizationHeader);
        if (!key.site().equals(site)) {
            throw new Refusal(Refusal.Kind.NOT_ALLOWED, "key_for_another_site", "authorization",
                    "this key is for site " + key.site() + ", not " + site);
        }
        return key;
    }

    private ApiKey authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw unauthorized("missing_key", "send the site's API key as Authorization: Bearer <key>");
        }
        String header = authorizationHeader.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw unauthorized("invalid_key", "the Authorization header must be Bearer <key>");
        }
        String presented = header.substring(BEARER.length()).trim();
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
}
