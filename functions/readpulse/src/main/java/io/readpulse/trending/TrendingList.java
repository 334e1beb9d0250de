package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import java.time.Instant;
import java.util.List;

/**
 * One computed list: the best {@value #MAX_ENTRIES} articles of a site, section, author or tag, in
 * one mode and window.
 *
 * @param scope {@value CounterKey#SITE_TOTAL} for the whole site, {@code sec:<slug>}, {@code aut:<slug>} or {@code tag:<slug>}
 * @param scopeName an author's or tag's name as the articles' descriptions spell it; null for the site and sections
 * @param siteDomains the site's own domains, so a widget renders only links onto them
 */
public record TrendingList(String site, String scope, String scopeName, TrendingMode mode, DecayWindow window, Instant generatedAt,
                           List<String> siteDomains, List<TrendingEntry> entries) {
    public static final int MAX_ENTRIES = 50;
    public static final String AUTHOR_PREFIX = "aut:";
    public static final String TAG_PREFIX = "tag:";

    public TrendingList {
        siteDomains = List.copyOf(siteDomains);
        entries = List.copyOf(entries);
    }

    public static String sectionScope(String sectionSlug) {
        return CounterKey.SECTION_PREFIX + sectionSlug;
    }

    public static String authorScope(String authorSlug) {
        return AUTHOR_PREFIX + authorSlug;
    }

    public static String tagScope(String tagSlug) {
        return TAG_PREFIX + tagSlug;
    }

    /** An author's or a tag's scope: its lists hold only articles whose descriptions name it. */
    public static boolean byName(String scope) {
        return scope.startsWith(AUTHOR_PREFIX) || scope.startsWith(TAG_PREFIX);
    }
}
