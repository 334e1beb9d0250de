package io.readpulse.trending;

import io.readpulse.aggregate.DecayWindow;
import java.util.List;
import java.util.Optional;

/** The computed Trending lists, and the editors' pins and exclusions that shape them. */
public interface TrendingStore {

    /** Replaces each list (one item per site, scope, mode and window). */
    void saveLists(List<TrendingList> lists);

    /** One read of one item: what a widget's request costs. */
    Optional<TrendingList> findList(String site, String scope, TrendingMode mode, DecayWindow window);

    /** The site's pins and exclusions, including expired ones the table has not deleted yet. */
    List<Pin> pins(String site);

    /** Saves a pin or exclusion; it replaces any other of the same article in the same scope. */
    void savePin(Pin pin);

    /** @return false if there was none */
    boolean removePin(String site, String scope, String articleId);
}
