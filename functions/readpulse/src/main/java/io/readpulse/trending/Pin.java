package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import java.time.Instant;

/**
 * An editor's pin or exclusion of one article in one scope, until it expires.
 *
 * @param scope {@value CounterKey#SITE_TOTAL} for the whole site, or {@code sec:<slug>} for one section
 */
public record Pin(String site, String scope, String articleId, PinAction action, Instant createdAt, Instant expiresAt) {

    public boolean activeAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public boolean siteWide() {
        return CounterKey.SITE_TOTAL.equals(scope);
    }
}
