package io.readpulse.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Editors' API keys, per site; only hashes are stored. */
public interface ApiKeyStore {
    /** Stores a new key; refuses (returns false) if the site already has one with this id. */
    boolean create(ApiKey key);

    Optional<ApiKey> find(String site, String keyId);

    /** Every key of the site, revoked ones too, oldest first. */
    List<ApiKey> list(String site);

    /** Marks the key revoked; false if the site has no such key or it was revoked already. */
    boolean revoke(String site, String keyId, Instant at);
}
