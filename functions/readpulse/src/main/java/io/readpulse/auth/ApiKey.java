package io.readpulse.auth;

import java.time.Instant;

/**
 * An editor's API key as it is stored: never the key itself, only its SHA-256 hash.
 *
 * @param keyId short public name of the key, part of the key and shown by {@code key list}
 * @param hash SHA-256 of the whole key
 * @param revokedAt null while the key is valid
 */
public record ApiKey(String site, String keyId, String label, byte[] hash, Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
