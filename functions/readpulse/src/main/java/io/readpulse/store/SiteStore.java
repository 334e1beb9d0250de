package io.readpulse.store;

import io.readpulse.model.Site;
import java.util.List;
import java.util.Optional;

/** The registry of sites and their domains. */
public interface SiteStore {
    Optional<Site> find(String siteId);

    void save(Site site);

    List<Site> listAll();
}
