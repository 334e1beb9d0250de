package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import java.time.Instant;
import java.util.List;

/**
 * One computed list: the best {@value #MAX_ENTRIES} articles of a site or section, in one mode and window.
 *
 * @param scope {@value CounterKey#SITE_TOTAL} for the whole site, or {@code sec:<slug>}
 * @param siteDomains the site's own domains, so a widget renders only links onto them
 */
public record TrendingList(String site, String scope, TrendingMode mode, DecayWindow window, Instant generatedAt,
                           List<String> siteDomains, List<TrendingEntry> entries) {
    public static final int MAX_ENTRIES = 50;

    public TrendingList {
        siteDomains = List.copyOf(siteDomains);
        entries = List.copyOf(entries);
    }

    public static String sectionScope(String sectionSlug) {
        return CounterKey.SECTION_PREFIX + sectionSlug;
    }
}
