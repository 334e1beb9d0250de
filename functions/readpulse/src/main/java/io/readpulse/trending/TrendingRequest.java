package io.readpulse.trending;

import io.readpulse.aggregate.CounterKey;
import io.readpulse.aggregate.DecayWindow;
import io.readpulse.collect.Identifiers;
import io.readpulse.collect.Limits;
import io.readpulse.model.Refusal;
import java.util.Map;

/**
 * A widget's checked question: {@code GET /v1/sites/{site}/trending?section=&mode=&window=&limit=},
 * or {@code author=} or {@code tag=} instead of {@code section=} (at most one of the three).
 * Every parameter outside its set is a 400 that names it; a {@code limit} over
 * {@value TrendingList#MAX_ENTRIES} is clamped to it (a list never holds more), not refused.
 * Other query parameters (cache busters) are ignored.
 *
 * @param section a section slug, or null
 * @param author an author's slug, or null
 * @param tag a tag's slug, or null; all three null for the whole site
 */
public record TrendingRequest(String site, String section, String author, String tag, TrendingMode mode, DecayWindow window, int limit) {
    public static final int DEFAULT_LIMIT = 10;
    public static final TrendingMode DEFAULT_MODE = TrendingMode.TOP;
    public static final DecayWindow DEFAULT_WINDOW = DecayWindow.ONE_DAY;

    public static TrendingRequest parse(String site, Map<String, String> query) {
        if (!Identifiers.isSiteId(site)) {
            throw Refusal.invalid("invalid_site", "site", "site must be 2-63 lower-case letters, digits or dashes");
        }
        String section = emptyToNull(query.get("section"));
        if (section != null && !Identifiers.isSectionSlug(section)) {
            throw Refusal.invalid("invalid_section", "section",
                    "section must be a section slug such as geopolitics-foreign-policy (lower-case words joined by dashes)");
        }
        String author = emptyToNull(query.get("author"));
        if (author != null && !Identifiers.isNameSlug(author, Limits.MAX_AUTHOR_LENGTH)) {
            throw Refusal.invalid("invalid_author", "author",
                    "author must be an author's slug such as jane-o-neil (lower-case words joined by dashes)");
        }
        String tag = emptyToNull(query.get("tag"));
        if (tag != null && !Identifiers.isNameSlug(tag, Limits.MAX_TAG_LENGTH)) {
            throw Refusal.invalid("invalid_tag", "tag", "tag must be a tag's slug such as climate-change (lower-case words joined by dashes)");
        }
        if ((section == null ? 0 : 1) + (author == null ? 0 : 1) + (tag == null ? 0 : 1) > 1) {
            // Named after the second of them: with a section, the author or the tag; with an author, the tag.
            String second = tag != null ? "tag" : "author";
            throw Refusal.invalid("invalid_" + second, second, "give at most one of section, author and tag");
        }
        String modeName = emptyToNull(query.get("mode"));
        TrendingMode mode = modeName == null ? DEFAULT_MODE : TrendingMode.fromWire(modeName).orElseThrow(() ->
                Refusal.invalid("invalid_mode", "mode", "mode must be top, rising or fresh"));
        String windowName = emptyToNull(query.get("window"));
        DecayWindow window = windowName == null ? DEFAULT_WINDOW : DecayWindow.fromWire(windowName).orElseThrow(() ->
                Refusal.invalid("invalid_window", "window", "window must be 1h, 24h or 7d"));
        return new TrendingRequest(site, section, author, tag, mode, window, limit(emptyToNull(query.get("limit"))));
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1) {
            throw Refusal.invalid("invalid_limit", "limit",
                    "limit must be a whole number from 1 (more than " + TrendingList.MAX_ENTRIES + " gives " + TrendingList.MAX_ENTRIES + ")");
        }
        return Math.min(Integer.parseInt(value), TrendingList.MAX_ENTRIES);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The list's scope: the whole site, the section, the author or the tag. */
    public String scope() {
        if (section != null) {
            return TrendingList.sectionScope(section);
        }
        if (author != null) {
            return TrendingList.authorScope(author);
        }
        return tag != null ? TrendingList.tagScope(tag) : CounterKey.SITE_TOTAL;
    }
}
