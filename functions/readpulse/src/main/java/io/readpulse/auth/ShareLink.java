package io.readpulse.auth;

import java.time.Instant;

/**
 * A share link as it is stored: never the token, only its SHA-256 hash, with the one site it may
 * read, when it expires and whether it was revoked.
 *
 * @param linkId short public name of the link, part of the token and shown by {@code link list}
 * @param revokedAt null while the link is not revoked
 */
public record ShareLink(String site, String linkId, String label, byte[] hash, Instant createdAt, Instant expiresAt,
                        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
