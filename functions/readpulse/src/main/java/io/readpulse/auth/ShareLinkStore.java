package io.readpulse.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Share links to a site's reports, per site; only hashes of their tokens are stored. */
public interface ShareLinkStore {
    /** Stores a new link; refuses (returns false) if the site already has one with this id. */
    boolean create(ShareLink link);

    Optional<ShareLink> find(String site, String linkId);

    /** Every link of the site, revoked and expired ones too, oldest first. */
    List<ShareLink> list(String site);

    /** Marks the link revoked; false if the site has no such link or it was revoked already. */
    boolean revoke(String site, String linkId, Instant at);
}
